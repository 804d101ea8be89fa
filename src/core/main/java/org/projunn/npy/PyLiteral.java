package org.projunn.npy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Python literals a {@code .npy} header holds (what NumPy reads with
 * {@code ast.literal_eval}): dicts, tuples, lists, strings, integers, True/False/None.
 * Dicts become {@link Map}, tuples {@link Tuple}, lists {@link List}, integers {@link Long}.
 */
final class PyLiteral {
    /** A Python tuple, kept apart from lists because the header's shape must be one. */
    record Tuple(List<Object> items) {
    }

    /** Malformed text; the message says what and where. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** Parses one literal; only whitespace may surround it. */
    static Object parse(String text) throws SyntaxError {
        PyLiteral p = new PyLiteral(text);
        p.skipSpace();
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value() throws SyntaxError {
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return dict();
            case '(': return parenthesized();
            case '[': return new ArrayList<>(sequence('[', ']'));
            case '\'': case '"': return string();
            default:
                if (c == '-' || c == '+' || Character.isDigit(c)) {
                    return integer();
                }
                if (Character.isLetter(c)) {
                    return name();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> dict() throws SyntaxError {
        Map<String, Object> map = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        while (!tryConsume('}')) {
            Object key = value();
            if (!(key instanceof String s)) {
                throw error("dict keys must be strings");
            }
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value();
            if (map.put(s, v) != null) {
                throw error("duplicate key '" + s + "'");
            }
            skipSpace();
            if (!tryConsume(',')) {
                skipSpace();
                expect('}');
                break;
            }
            skipSpace();
        }
        return map;
    }

    /** A tuple, or, for {@code (x)} without a comma, just x (as in Python). */
    private Object parenthesized() throws SyntaxError {
        List<Object> items = sequence('(', ')');
        return items.size() == 1 && !trailingComma ? items.get(0) : new Tuple(items);
    }

    /** Whether the sequence {@link #sequence} read last ended with a comma. */
    private boolean trailingComma;

    private List<Object> sequence(char open, char close) throws SyntaxError {
        List<Object> items = new ArrayList<>();
        expect(open);
        skipSpace();
        boolean sawComma = false;
        while (!tryConsume(close)) {
            items.add(value());
            skipSpace();
            sawComma = tryConsume(',');
            if (!sawComma) {
                skipSpace();
                expect(close);
                break;
            }
            skipSpace();
        }
        trailingComma = sawComma;
        return items;
    }

    private String string() throws SyntaxError {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                throw error("unterminated string");
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case '\\': case '\'': case '"': sb.append(e); break;
                    default: sb.append('\\').append(e); break;
                }
            } else {
                sb.append(c);
            }
        }
    }

    private Long integer() throws SyntaxError {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a number");
        }
        String number = text.substring(start, pos);
        // Python 2 wrote long integers as 3L
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error("expected an integer, got a floating-point number");
        }
        try {
            return Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
        } catch (NumberFormatException e) {
            throw error("integer " + number + " is too large");
        }
    }

    private Object name() throws SyntaxError {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            case "None": return null;
            default:
                pos = start;
                throw error("unexpected name '" + word + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean tryConsume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws SyntaxError {
        if (!tryConsume(c)) {
            throw pos >= text.length() ? error("unexpected end of text, expected '" + c + "'")
                    : error("expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
    }

    private SyntaxError error(String what) {
        return new SyntaxError(what + " at character " + pos);
    }
}
