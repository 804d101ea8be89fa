package org.projunn.npy;

import java.util.List;
import java.util.Map;

/** Turns the header's Python dict literal into an {@link NpyHeader} and back, as NumPy writes it. */
final class NpyHeaderCodec {
    /** NumPy leaves room for the growth axis to reach this many digits when appending. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private NpyHeaderCodec() {
    }

    static NpyHeader parse(String text, String source) throws NpyFormatException {
        Object literal;
        try {
            literal = PyLiteral.parse(text);
        } catch (PyLiteral.SyntaxError e) {
            throw new NpyFormatException(source, "malformed header (" + e.getMessage() + "): " + quote(text));
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new NpyFormatException(source, "header is not a Python dict: " + quote(text));
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException(source, "header has no '" + key + "' key: " + quote(text));
            }
        }
        for (Object key : dict.keySet()) {
            if (!List.of("descr", "fortran_order", "shape").contains(key)) {
                throw new NpyFormatException(source, "header has an unexpected key '" + key + "': " + quote(text));
            }
        }
        return new NpyHeader(dtype(dict.get("descr"), source), fortranOrder(dict.get("fortran_order"), source),
                shape(dict.get("shape"), source));
    }

    private static NpyDtype dtype(Object descr, String source) throws NpyFormatException {
        if (descr instanceof List<?>) {
            throw new NpyFormatException(source, "structured dtypes (record arrays) are not supported");
        }
        if (!(descr instanceof String s)) {
            throw new NpyFormatException(source, "header 'descr' must be a string, got " + descr);
        }
        NpyDtype dtype = NpyDtype.parse(s);
        if (dtype == null) {
            throw new NpyFormatException(source, NpyDtype.unsupportedReason(s));
        }
        return dtype;
    }

    private static boolean fortranOrder(Object value, String source) throws NpyFormatException {
        if (!(value instanceof Boolean b)) {
            throw new NpyFormatException(source, "header 'fortran_order' must be True or False, got " + value);
        }
        return b;
    }

    private static int[] shape(Object value, String source) throws NpyFormatException {
        if (!(value instanceof PyLiteral.Tuple tuple)) {
            throw new NpyFormatException(source, "header 'shape' must be a tuple of integers, got " + value);
        }
        int[] shape = new int[tuple.items().size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = tuple.items().get(i);
            if (!(d instanceof Long n) || n < 0) {
                throw new NpyFormatException(source, "header 'shape' must hold non-negative integers, got " + d);
            }
            if (n > Integer.MAX_VALUE) {
                throw new NpyFormatException(source, "dimension " + n + " is too large");
            }
            shape[i] = n.intValue();
        }
        return shape;
    }

    /** The dict as NumPy's {@code _write_array_header} formats it, before padding. */
    static String format(NpyHeader h) {
        int[] shape = h.shape();
        StringBuilder s = new StringBuilder();
        s.append("{'descr': '").append(h.dtype().descr()).append("', 'fortran_order': ")
                .append(h.fortranOrder() ? "True" : "False").append(", 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",)" : ")").append(", }");
        if (shape.length > 0) {
            int growth = shape[h.fortranOrder() ? shape.length - 1 : 0];
            s.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(growth).length())));
        }
        return s.toString();
    }

    private static String quote(String text) {
        String t = text.strip();
        if (t.length() > 120) {
            t = t.substring(0, 120) + "...";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : t.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c)
                    : c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
        }
        return sb.append('"').toString();
    }
}
