package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed RnnMath64.java is exactly what GenerateRnnMath64 makes from RnnMath32.java. */
class RnnMath64DriftTest {

    /** Tests run in the module's directory (src/train); the sources are under main/java. */
    private static Path sourceDir() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = module.resolve("main/java/org/projunn/train");
        if (!Files.isRegularFile(dir.resolve("RnnMath32.java"))) {
            dir = module.resolve(GenerateRnnMath64.SOURCE_DIR); // run from the repository root
        }
        return dir;
    }

    @Test
    void committedRnnMath64IsGeneratedFromRnnMath32() throws IOException {
        Path dir = sourceDir();
        String source32 = Files.readString(dir.resolve("RnnMath32.java"), StandardCharsets.UTF_8);
        String committed = Files.readString(dir.resolve("RnnMath64.java"), StandardCharsets.UTF_8);
        String expected = GenerateRnnMath64.generate(source32);
        if (!expected.equals(committed)) {
            fail("RnnMath64.java differs from what RnnMath32.java generates (" + firstDifference(expected, committed)
                    + "); edit RnnMath32.java and regenerate from the repository root with: "
                    + GenerateRnnMath64.COMMAND);
        }
    }

    @Test
    void translationTurnsFloatCodeIntoDoubleCode() {
        String source = "package p;\n\n/**\n * float32 doc.\n */\npublic final class RnnMath32 {\n"
                + "    private static final float EPS = (float) 1e-12;\n"
                + "    float f(float[] x, double y) { Arrays.fill(x, (float) 0); return (float) Math.sqrt(y) + (float) 0.5; }\n"
                + "    DType t() { return DType.FLOAT32; }\n}\n";
        String out = GenerateRnnMath64.generate(source);
        assertTrue(out.startsWith("// Generated from RnnMath32.java"), out);
        assertTrue(out.contains("public final class RnnMath64 {"), out);
        assertTrue(out.contains("private static final double EPS = 1e-12;"), out);
        assertTrue(out.contains("double f(double[] x, double y) { Arrays.fill(x, 0.0); return Math.sqrt(y) + 0.5; }"), out);
        assertTrue(out.contains("DType.FLOAT64"), out);
        assertTrue(!out.contains("float32 doc"), "the class comment is replaced: " + out);
        assertEquals(-1, out.indexOf("float "), out);
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of file>";
            String al = i < a.length ? a[i] : "<end of file>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ": expected '" + el.strip() + "', committed '" + al.strip() + "'";
            }
        }
        return "line endings differ";
    }
}
