package org.lossparity.engine.djl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive, the format {@code torch.jit.save} produces and {@code torch::jit::load} reads, for
 * a module without parameters whose only content is one class's TorchScript source:
 *
 * <pre>
 * archive/data.pkl          pickle (protocol 2) of the module object: __torch__.NAME with state {training: True}
 * archive/constants.pkl     pickle of the empty tuple (the module's tensor constants; there are none)
 * archive/code/__torch__.py the class, compiled by libtorch when the archive is loaded
 * archive/version           file-format version
 * </pre>
 *
 * Entries are stored uncompressed, like torch's own writer does. No Python is involved anywhere.
 */
final class TorchScriptArchive {
    /**
     * File-format version 4: newer than the versions whose {@code aten::div} needs an upgrader, well inside the
     * range libtorch 2.x reads (it is what torch 1.13 writes for modules using the ops here).
     */
    static final String FORMAT_VERSION = "4";

    private static final String ROOT = "archive/";

    private TorchScriptArchive() {}

    /**
     * @param className   a Python identifier, the class name inside the {@code __torch__} namespace
     * @param classSource the full TorchScript text of {@code code/__torch__.py}, defining {@code className}
     */
    static byte[] write(String className, String classSource) {
        if (!className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a Python identifier: '" + className + "'");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data.pkl", moduleObjectPickle(className));
        entries.put("code/__torch__.py", classSource.getBytes(StandardCharsets.UTF_8));
        entries.put("constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        entries.put("version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(storedEntry(ROOT + e.getKey(), e.getValue()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing an in-memory zip failed", e);
        }
        return bytes.toByteArray();
    }

    private static ZipEntry storedEntry(String name, byte[] content) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setTime(315532800000L); // 1980-01-01, so identical sources give identical archives
        return entry;
    }

    /**
     * Pickle opcodes for {@code __torch__.NAME.__new__(NAME)} followed by {@code __setstate__}-less BUILD with
     * the attribute dict; libtorch's unpickler turns this into the module object.
     */
    private static byte[] moduleObjectPickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO
        p.write(2);
        writeAscii(p, "c__torch__\n" + className + "\n"); // GLOBAL module\nname\n
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.UTF_8);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        for (int shift = 0; shift < 32; shift += 8) {
            p.write((key.length >>> shift) & 0xff);
        }
        p.writeBytes(key);
        p.write(0x88); // NEWTRUE
        p.write('u'); // SETITEMS
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
