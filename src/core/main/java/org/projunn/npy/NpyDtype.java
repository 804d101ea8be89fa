package org.projunn.npy;

import java.nio.ByteOrder;
import java.util.Locale;
import org.projunn.DType;

/**
 * A supported NumPy element type: one of {@link DType}'s four, in a given byte order. The
 * NumPy spelling ({@code descr}) is e.g. {@code '<f4'}, {@code '>c16'}.
 *
 * @param type the element type
 * @param order the byte order of the values in the file
 */
public record NpyDtype(DType type, ByteOrder order) {

    /**
     * Validates the fields.
     *
     * @param type the element type; not null
     * @param order the byte order; not null
     * @throws IllegalArgumentException when either is null
     */
    public NpyDtype {
        if (type == null || order == null) {
            throw new IllegalArgumentException("dtype and byte order must not be null");
        }
    }

    /**
     * Little-endian, as NumPy writes on every common platform.
     *
     * @param type the element type
     * @return the dtype
     */
    public static NpyDtype of(DType type) {
        return new NpyDtype(type, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Parses a NumPy {@code descr} string. Returns null with no exception so that the caller can
     * word the error with the file name: see {@link #unsupportedReason(String)}.
     */
    static NpyDtype parse(String descr) {
        if (descr.isEmpty()) {
            return null;
        }
        char first = descr.charAt(0);
        ByteOrder order;
        String code;
        switch (first) {
            case '<': order = ByteOrder.LITTLE_ENDIAN; code = descr.substring(1); break;
            case '>': order = ByteOrder.BIG_ENDIAN; code = descr.substring(1); break;
            case '=': order = ByteOrder.nativeOrder(); code = descr.substring(1); break;
            default: order = ByteOrder.nativeOrder(); code = descr; break;
        }
        DType type = switch (code) {
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "c8" -> DType.COMPLEX64;
            case "c16" -> DType.COMPLEX128;
            default -> null;
        };
        return type == null ? null : new NpyDtype(type, order);
    }

    /** Why {@code descr} is not supported, for an error message. */
    static String unsupportedReason(String descr) {
        String kind = descr.replaceFirst("^[<>=|]", "");
        String what = kind.startsWith("O") ? "object arrays are not supported"
                : kind.startsWith("i") || kind.startsWith("u") ? "integer arrays are not supported"
                : kind.startsWith("b") || kind.startsWith("?") ? "boolean arrays are not supported"
                : kind.equals("f2") || kind.equals("e") ? "float16 is not supported"
                : "unsupported";
        return "dtype '" + descr + "': " + what
                + " (supported: float32 '<f4', float64 '<f8', complex64 '<c8', complex128 '<c16', little- or big-endian)";
    }

    /**
     * NumPy's spelling.
     *
     * @return e.g. {@code <c8}
     */
    public String descr() {
        String code = switch (type) {
            case FLOAT32 -> "f4";
            case FLOAT64 -> "f8";
            case COMPLEX64 -> "c8";
            case COMPLEX128 -> "c16";
        };
        return (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + code;
    }

    /**
     * A name for messages.
     *
     * @return e.g. {@code complex64}, or {@code complex64 (big-endian)}
     */
    public String describe() {
        String name = type.name().toLowerCase(Locale.ROOT);
        return order == ByteOrder.BIG_ENDIAN ? name + " (big-endian)" : name;
    }
}
