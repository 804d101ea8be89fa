package org.projunn;

/** The two projUNN variants (ALGORITHMS.md sections 3 and 4). */
public enum Method {
    /** projUNN-D: A becomes the closest unitary matrix to A + a b^H (its polar factor). */
    DIRECT,
    /** projUNN-T: A becomes A expm(Omega), Omega the skew-Hermitian part of A^H a b^H. */
    TANGENT;

    /**
     * Parses a method's name.
     *
     * @param text "direct"/"d" or "tangent"/"t", case-insensitively, surrounding spaces ignored
     * @return the method
     * @throws InvalidInputException for any other text
     */
    public static Method parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "direct": case "d": return DIRECT;
            case "tangent": case "t": return TANGENT;
            default: throw new InvalidInputException("unknown method '" + text + "': expected direct or tangent");
        }
    }
}
