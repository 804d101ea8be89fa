package org.projunn.train.conv;

import org.projunn.InvalidInputException;

/**
 * Which matrix acts at each frequency of an H x W 2-D DFT, so that a real input gives a real output.
 *
 * <p>A real image's spectrum is Hermitian: {@code X(-k) = conj(X(k))}. The output stays real exactly
 * when the per-frequency matrices satisfy {@code U(-k) = conj(U(k))}. The layer therefore keeps one
 * matrix per conjugate pair {k, -k} and derives the other: the representative of a pair is the
 * member in the half-plane {@code kx <= W/2} of the real FFT's H x (W/2 + 1) grid (in the columns
 * kx = 0 and kx = W/2, which are their own mirror columns, the member with {@code ky <= H/2}).
 * Frequencies with {@code k = -k} (ky in {0, H/2}, kx in {0, W/2}, the halves only for even sizes)
 * must have {@code U = conj(U)}: their matrices are kept as a separate batch of real orthogonal
 * matrices. Every other representative is a complex unitary matrix; its mirror uses the conjugate.
 */
public final class FrequencyLayout {
    private final int height;
    private final int width;
    private final int complexCount;
    private final int realCount;
    /** Per frequency ky * W + kx: index of its matrix among the complex or the real ones. */
    private final int[] index;
    /** Per frequency: 0 complex representative, 1 mirror (uses conj), 2 self-conjugate (real matrix). */
    private final byte[] kind;
    /** Frequencies of the complex representatives, then of the real ones, in index order. */
    private final int[] complexFrequencies;
    private final int[] realFrequencies;

    static final byte REPRESENTATIVE = 0;
    static final byte MIRROR = 1;
    static final byte SELF_CONJUGATE = 2;

    public FrequencyLayout(int height, int width) {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("image size must be positive, got " + height + " x " + width);
        }
        this.height = height;
        this.width = width;
        int n = height * width;
        index = new int[n];
        kind = new byte[n];
        int[] complex = new int[n];
        int[] real = new int[4];
        int nc = 0;
        int nr = 0;
        for (int ky = 0; ky < height; ky++) {
            for (int kx = 0; kx < width; kx++) {
                int f = ky * width + kx;
                int my = (height - ky) % height;
                int mx = (width - kx) % width;
                if (my == ky && mx == kx) {
                    kind[f] = SELF_CONJUGATE;
                    index[f] = nr;
                    real[nr++] = f;
                } else if (kx < mx || (kx == mx && ky < my)) {
                    kind[f] = REPRESENTATIVE;
                    index[f] = nc;
                    complex[nc++] = f;
                } else {
                    kind[f] = MIRROR;
                }
            }
        }
        for (int f = 0; f < n; f++) {
            if (kind[f] == MIRROR) {
                index[f] = index[mirror(f)];
            }
        }
        complexCount = nc;
        realCount = nr;
        complexFrequencies = java.util.Arrays.copyOf(complex, nc);
        realFrequencies = java.util.Arrays.copyOf(real, nr);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of complex unitary matrices (one per conjugate pair). */
    public int complexCount() {
        return complexCount;
    }

    /** Number of real orthogonal matrices (self-conjugate frequencies: 1, 2 or 4). */
    public int realCount() {
        return realCount;
    }

    /** The frequency {@code ky * W + kx} of complex matrix {@code p}. */
    public int complexFrequency(int p) {
        return complexFrequencies[p];
    }

    /** The frequency of real matrix {@code p}. */
    public int realFrequency(int p) {
        return realFrequencies[p];
    }

    /** The frequency {@code -k} of frequency {@code f}. */
    public int mirror(int f) {
        int ky = f / width;
        int kx = f % width;
        return ((height - ky) % height) * width + (width - kx) % width;
    }

    byte kind(int f) {
        return kind[f];
    }

    int index(int f) {
        return index[f];
    }
}
