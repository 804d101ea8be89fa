package org.projunn.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.DType;

/** Bad files give an NpyFormatException naming the file and the problem; odd but valid headers parse. */
class MalformedNpyTest {
    @TempDir
    Path dir;

    /** A version-1.0 file with this header text (unpadded) and {@code data} bytes after it. */
    private Path file(String name, String header, int dataBytes) throws IOException {
        return raw(name, 1, header.getBytes(StandardCharsets.ISO_8859_1), dataBytes);
    }

    private Path raw(String name, int major, byte[] header, int dataBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) header.length);
        } else {
            len.putInt(header.length);
        }
        out.write(len.array());
        out.write(header);
        out.write(new byte[dataBytes]);
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private String failure(Path p) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... words) {
        for (String w : words) {
            assertTrue(message.contains(w), "'" + message + "' should mention '" + w + "'");
        }
    }

    @Test
    void badMagic() throws IOException {
        Path p = dir.resolve("text.npy");
        Files.writeString(p, "just some text, not numpy");
        assertMentions(failure(p), "not a .npy file");
        Path zip = dir.resolve("arrays.npz");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
        assertMentions(failure(zip), ".npz");
    }

    @Test
    void emptyAndTooShortFiles() throws IOException {
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertMentions(failure(empty), "truncated", "0 bytes");
        Path shortFile = dir.resolve("short.npy");
        Files.write(shortFile, new byte[] {(byte) 0x93, 'N', 'U', 'M'});
        assertMentions(failure(shortFile), "truncated");
    }

    @Test
    void unsupportedVersion() throws IOException {
        assertMentions(failure(raw("v4.npy", 4, "{}".getBytes(StandardCharsets.US_ASCII), 0)), "version 4.0", "1.0, 2.0, 3.0");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path p = file("h.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n", 16);
        byte[] all = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(all, 30));
        assertMentions(failure(p), "truncated", "header");
    }

    @Test
    void truncatedData() throws IOException {
        Path p = file("t.npy", "{'descr': '<c8', 'fortran_order': False, 'shape': (3, 3), }\n", 71);
        assertMentions(failure(p), "truncated", "72 bytes", "71");
    }

    @Test
    void trailingBytes() throws IOException {
        Path p = file("long.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n", 17);
        assertMentions(failure(p), "unexpected bytes after");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "'<i4';integer arrays are not supported",
        "'|O';object arrays are not supported",
        "'<f2';float16",
        "'|b1';boolean",
        "'<U3';unsupported",
        "[('x', '<f4'), ('y', '<f4')];structured dtypes",
        "42;'descr' must be a string"})
    void unsupportedDtypes(String descr, String expected) throws IOException {
        Path p = file("d.npy", "{'descr': " + descr + ", 'fortran_order': False, 'shape': (2,), }\n", 8);
        assertMentions(failure(p), expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "garbage\\x00\\x01|malformed header",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,) |malformed header",
        "{'descr': '<f4' 'fortran_order': False}|malformed header",
        "['descr', '<f4']|not a Python dict",
        "{'descr': '<f4', 'shape': (2,)}|no 'fortran_order' key",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}|unexpected key 'extra'",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}|True or False",
        "{'descr': '<f4', 'fortran_order': False, 'shape': [2]}|must be a tuple",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1)}|non-negative",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,)}|floating-point",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,)}|too large",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000)}|too large",
        "{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}|duplicate key"})
    void badHeaders(String header, String expected) throws IOException {
        Path p = file("b.npy", header.replace("\\x00", "\0").replace("\\x01", "\1") + "\n", 8);
        assertMentions(failure(p), expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'shape': (2, 3), 'fortran_order': True, 'descr': '<f8'}",
        "{ \"descr\" : \"<f8\" , \"fortran_order\" : True , \"shape\" : ( 2 , 3 ) }",
        "{'descr':'<f8','fortran_order':True,'shape':(2,3,),}",
        "{'descr': '<f8', 'fortran_order': True, 'shape': (2L, 3L), }",
        "\t{'descr': '=f8', 'fortran_order': True, 'shape': (2, 3)}   \r\n   "})
    void headerVariantsParse(String header) throws IOException {
        Path p = file("ok.npy", header, 48);
        NpyArray a = NpyReader.read(p);
        assertEquals(new NpyHeader(new NpyDtype(DType.FLOAT64, header.contains("=f8") ? ByteOrder.nativeOrder()
                : ByteOrder.LITTLE_ENDIAN), true, 2, 3), a.header());
    }

    @Test
    void version2And3LengthFields() throws IOException {
        String h = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n";
        NpyArray v2 = NpyReader.read(raw("v2.npy", 2, h.getBytes(StandardCharsets.ISO_8859_1), 4));
        assertArrayEquals(new int[] {1}, v2.header().shape());
        NpyArray v3 = NpyReader.read(raw("v3.npy", 3, h.getBytes(StandardCharsets.UTF_8), 4));
        assertArrayEquals(new int[] {1}, v3.header().shape());
    }

    @Test
    void scalarAndEmptyArraysRead() throws IOException {
        assertEquals(0, NpyReader.read(file("s.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", 4))
                .header().ndim());
        assertEquals(0, NpyReader.read(file("z.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }", 0))
                .header().elementCount());
    }
}
