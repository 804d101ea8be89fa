package org.projunn.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code .npy} files byte for byte as NumPy's {@code np.save} does: a version 1.0 header
 * (2.0 only when the header exceeds 65535 bytes) padded with spaces and a newline so that the
 * data starts at a multiple of 64 bytes.
 */
public final class NpyWriter {
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 20;

    private NpyWriter() {
    }

    /**
     * Writes {@code array} to {@code file}, replacing it if it exists.
     *
     * @param file the destination. Modified: created or truncated, then written.
     * @param array the array. Not modified.
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, NpyArray array) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(ch, array);
        }
    }

    /**
     * Writes {@code array} to a stream.
     *
     * @param out the destination; not closed or flushed
     * @param array the array. Not modified.
     * @throws IOException when the stream fails
     */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        write(Channels.newChannel(out), array);
    }

    static void write(WritableByteChannel ch, NpyArray array) throws IOException {
        writeFully(ch, ByteBuffer.wrap(headerBytes(array.header())));
        writeData(ch, array);
    }

    /** Magic, version, header length and the padded header dict. */
    static byte[] headerBytes(NpyHeader header) {
        byte[] dict = NpyHeaderCodec.format(header).getBytes(StandardCharsets.ISO_8859_1);
        int major = 1;
        int prefix = NpyReader.MAGIC.length + 2 + 2;
        int padded = paddedLength(prefix, dict.length);
        if (padded > 0xffff) {
            major = 2;
            prefix = NpyReader.MAGIC.length + 2 + 4;
            padded = paddedLength(prefix, dict.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(prefix + padded).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(NpyReader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            buf.putShort((short) padded);
        } else {
            buf.putInt(padded);
        }
        buf.put(dict);
        while (buf.position() < buf.capacity() - 1) {
            buf.put((byte) ' ');
        }
        buf.put((byte) '\n');
        return buf.array();
    }

    /** Header length after padding: dict, spaces, newline, with prefix + length a multiple of 64. */
    private static int paddedLength(int prefix, int dictLength) {
        int withNewline = dictLength + 1;
        int pad = ALIGN - (prefix + withNewline) % ALIGN;
        // NumPy pads by a full 64 when already aligned; keep its exact bytes
        return withNewline + pad;
    }

    private static void writeData(WritableByteChannel ch, NpyArray array) throws IOException {
        NpyHeader header = array.header();
        int bytesPerScalar = header.dtype().type().bytesPerScalar();
        int total = Math.toIntExact(header.scalarCount());
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(header.dtype().order());
        int done = 0;
        while (done < total) {
            int n = Math.min(total - done, CHUNK / bytesPerScalar);
            buf.clear();
            if (array.floats() != null) {
                buf.asFloatBuffer().put(array.floats(), done, n);
            } else {
                buf.asDoubleBuffer().put(array.doubles(), done, n);
            }
            buf.limit(n * bytesPerScalar);
            writeFully(ch, buf);
            done += n;
        }
    }

    private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
