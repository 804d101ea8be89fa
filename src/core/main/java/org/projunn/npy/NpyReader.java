package org.projunn.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding float32, float64,
 * complex64 or complex128 values in either byte order and either memory order. Anything else,
 * or a file shorter than its header promises, gives an {@link NpyFormatException} naming the
 * file and the problem.
 */
public final class NpyReader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Values are decoded this many bytes at a time, so no buffer the size of the file is needed. */
    private static final int CHUNK = 1 << 20;
    /** A real header is a few hundred bytes; this bounds what a corrupt length field makes us allocate. */
    private static final int MAX_HEADER = 1 << 24;

    private NpyReader() {
    }

    /**
     * Reads one array from a file.
     *
     * @param file the {@code .npy} file. Not modified.
     * @return the array, in the file's element order
     * @throws NpyFormatException when the file is not a supported {@code .npy} file; the message
     *         names the file and the problem
     * @throws IOException when the file cannot be read
     */
    public static NpyArray read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file.toString());
        }
    }

    /**
     * Reads one array from a stream.
     *
     * @param in the stream, which must hold nothing after the array; read to its end, not closed
     * @param source names the input in error messages
     * @return the array, in the file's element order
     * @throws NpyFormatException when the input is not a supported {@code .npy} array, or has
     *         bytes after it
     * @throws IOException when the stream fails
     */
    public static NpyArray read(InputStream in, String source) throws IOException {
        return read(Channels.newChannel(in), source);
    }

    static NpyArray read(ReadableByteChannel ch, String source) throws IOException {
        NpyHeader header = readHeader(ch, source);
        long scalars = header.scalarCount();
        if (scalars > Integer.MAX_VALUE - 16) {
            throw new NpyFormatException(source, header.describe() + " is too large to load (limit 2^31 scalars)");
        }
        NpyArray array = NpyArray.allocate(header);
        readData(ch, header, array, source);
        ByteBuffer extra = ByteBuffer.allocate(1);
        if (readFully(ch, extra) > 0) {
            throw new NpyFormatException(source, "unexpected bytes after the " + header.describe() + " data");
        }
        return array;
    }

    private static NpyHeader readHeader(ReadableByteChannel ch, String source) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(8);
        int got = readFully(ch, prefix);
        prefix.flip();
        for (int i = 0; i < Math.min(got, MAGIC.length); i++) {
            if (prefix.get(i) != MAGIC[i]) {
                boolean zip = got >= 2 && prefix.get(0) == 'P' && prefix.get(1) == 'K';
                throw new NpyFormatException(source, zip ? "this is a .npz archive, not a .npy file"
                        : "not a .npy file (it does not start with \\x93NUMPY)");
            }
        }
        if (got < 8) {
            throw new NpyFormatException(source, "truncated: " + got + " bytes, too short for a .npy header");
        }
        int major = prefix.get(6) & 0xff;
        int minor = prefix.get(7) & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer len = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (readFully(ch, len) < lengthBytes) {
            throw new NpyFormatException(source, "truncated inside the header length field");
        }
        len.flip();
        long headerLength = major == 1 ? len.getShort() & 0xffff : len.getInt() & 0xffffffffL;
        if (headerLength > MAX_HEADER) {
            throw new NpyFormatException(source, "header length " + headerLength + " is implausibly large");
        }
        ByteBuffer text = ByteBuffer.allocate((int) headerLength);
        int have = readFully(ch, text);
        if (have < headerLength) {
            throw new NpyFormatException(source, "truncated: the header should have " + headerLength
                    + " bytes, the file has " + have);
        }
        // versions 1.0 and 2.0 store the header in latin-1, 3.0 in UTF-8
        String header = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return NpyHeaderCodec.parse(header, source);
    }

    private static void readData(ReadableByteChannel ch, NpyHeader header, NpyArray array, String source)
            throws IOException {
        int bytesPerScalar = header.dtype().type().bytesPerScalar();
        long total = header.scalarCount();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(header.dtype().order());
        long done = 0;
        while (done < total) {
            int n = (int) Math.min(total - done, CHUNK / bytesPerScalar);
            buf.clear().limit(n * bytesPerScalar);
            int got = readFully(ch, buf);
            if (got < n * bytesPerScalar) {
                long bytes = done * bytesPerScalar + got;
                throw new NpyFormatException(source, "truncated: " + header.describe() + " needs "
                        + total * bytesPerScalar + " bytes of data, the file has " + bytes);
            }
            buf.flip();
            if (array.floats() != null) {
                buf.asFloatBuffer().get(array.floats(), (int) done, n);
            } else {
                buf.asDoubleBuffer().get(array.doubles(), (int) done, n);
            }
            done += n;
        }
    }

    /** Reads until {@code buf} is full or the input ends; returns the bytes read. */
    private static int readFully(ReadableByteChannel ch, ByteBuffer buf) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
