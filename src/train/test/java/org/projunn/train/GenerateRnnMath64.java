package org.projunn.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code RnnMath64.java} from {@code RnnMath32.java}, so that the two precisions are one
 * source: the float32 file is the one to edit. The translation is textual (as EJML's
 * {@code GenerateJavaCode32}, run the other way): {@code float} becomes {@code double},
 * {@code (float) 0} becomes {@code 0.0}, other {@code (float)} casts disappear, the class and
 * dtype names change, and the class comment is replaced by one that says where the file comes from.
 *
 * <p>Only the JDK is used, so that the file runs as a single-source program from the repository root:
 * <pre>
 *   java src/train/test/java/org/projunn/train/GenerateRnnMath64.java
 * </pre>
 * {@code RnnMath64DriftTest} fails when the committed RnnMath64.java differs from what this writes.
 */
public final class GenerateRnnMath64 {
    /** Where both files live, relative to the repository root. */
    static final String SOURCE_DIR = "src/train/main/java/org/projunn/train";
    static final String COMMAND = "java src/train/test/java/org/projunn/train/GenerateRnnMath64.java";

    private static final String HEADER = ""
            + "// Generated from RnnMath32.java by src/train/test/java/org/projunn/train/GenerateRnnMath64.java;\n"
            + "// do not edit. Edit RnnMath32.java, then regenerate from the repository root with\n"
            + "//   " + COMMAND + "\n"
            + "// (RnnMath64DriftTest fails while the two differ.)\n";

    private static final String CLASS_DOC = ""
            + "/**\n"
            + " * {@link RnnMath} on {@code double[]} columns (float64): RnnMath32 with {@code double} for\n"
            + " * {@code float}, so that each precision's loops vectorize in their own class.\n"
            + " */\n";

    private static final String CLASS_DECLARATION = "public final class RnnMath32";

    private GenerateRnnMath64() {
    }

    /**
     * The text of RnnMath64.java for the given RnnMath32.java.
     *
     * @param source32 the content of RnnMath32.java
     * @return the content RnnMath64.java must have
     * @throws IllegalArgumentException when the source has no class comment before its declaration
     */
    static String generate(String source32) {
        int declaration = source32.indexOf(CLASS_DECLARATION);
        int docStart = source32.lastIndexOf("/**", declaration);
        int docEnd = docStart < 0 ? -1 : source32.indexOf("*/", docStart);
        if (declaration < 0 || docStart < 0 || docEnd < 0 || docEnd > declaration) {
            throw new IllegalArgumentException("RnnMath32.java must have a class comment before '"
                    + CLASS_DECLARATION + "'");
        }
        String preamble = source32.substring(0, docStart);
        String rest = source32.substring(source32.indexOf('\n', docEnd) + 1);
        return HEADER + toDouble(preamble) + CLASS_DOC + toDouble(rest);
    }

    /** float32 code to float64 code; the order matters: specific casts before the general rules. */
    private static String toDouble(String s) {
        return s.replace("RnnMath32", "RnnMath64")
                .replace("FLOAT32", "FLOAT64")
                .replace("float32", "float64")
                .replaceAll("\\(float\\) 0(?![\\w.])", "0.0")
                .replace("(float) ", "")
                .replaceAll("\\bfloat\\b", "double")
                .replaceAll("\\bFloat\\b", "Double");
    }

    /**
     * Regenerates RnnMath64.java.
     *
     * @param args optionally the repository root (default: the working directory)
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".").resolve(SOURCE_DIR);
        String source32 = Files.readString(dir.resolve("RnnMath32.java"), StandardCharsets.UTF_8);
        Path target = dir.resolve("RnnMath64.java");
        Files.writeString(target, generate(source32), StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }
}
