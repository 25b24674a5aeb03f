package org.redwhistle.api.video.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Cuts ffmpeg's fragmented MP4 ({@code -movflags empty_moov+default_base_moof}) into what Media
 * Source Extensions append: the init segment ({@code ftyp}+{@code moov}), then media fragments
 * ({@code moof}+{@code mdat}), each marked whether its first sample is a keyframe (a viewer who joins
 * late starts at one).
 */
final class Fmp4Reader {

    /** One piece to append: the init segment or a fragment. */
    record Piece(byte[] bytes, boolean init, boolean keyframe) {
    }

    private final DataInputStream in;

    Fmp4Reader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The next piece; EOFException at the end of the stream. */
    Piece next() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] box = box();
            String type = new String(box, 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            out.write(box);
            switch (type) {
                case "moov":
                    return new Piece(out.toByteArray(), true, false);
                case "mdat":
                    byte[] bytes = out.toByteArray();
                    return new Piece(bytes, false, startsWithKeyframe(bytes));
                default:
                    // ftyp before moov, moof before mdat, anything else (styp, sidx) travels with what follows
            }
        }
    }

    private byte[] box() throws IOException {
        long size = Integer.toUnsignedLong(in.readInt());
        int type = in.readInt();
        if (size == 1) {
            throw new IOException("64-bit box sizes are not expected from a live relay");
        }
        if (size < 8 || size > 64L * 1024 * 1024) {
            throw new IOException("bad MP4 box size " + size);
        }
        byte[] box = new byte[(int) size];
        ByteBuffer.wrap(box).putInt((int) size).putInt(type);
        in.readFully(box, 8, box.length - 8);
        return box;
    }

    /**
     * Whether the fragment's first sample is a sync sample: its flags from {@code trun}'s first-sample
     * flags, its first entry, or {@code tfhd}'s default, bit 0x10000 (sample_is_non_sync_sample) clear.
     */
    static boolean startsWithKeyframe(byte[] fragment) {
        ByteBuffer b = ByteBuffer.wrap(fragment);
        Integer defaultFlags = null;
        int pos = 0;
        while (pos + 8 <= fragment.length) {
            int size = b.getInt(pos);
            String type = new String(fragment, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (size < 8) {
                return false;
            }
            if (type.equals("moof") || type.equals("traf")) {
                pos += 8; // descend
                continue;
            }
            if (type.equals("tfhd")) {
                int flags = b.getInt(pos + 8) & 0xFFFFFF;
                int p = pos + 16; // version/flags, track_ID
                p += (flags & 0x1) != 0 ? 8 : 0;
                p += (flags & 0x2) != 0 ? 4 : 0;
                p += (flags & 0x8) != 0 ? 4 : 0;
                p += (flags & 0x10) != 0 ? 4 : 0;
                if ((flags & 0x20) != 0) {
                    defaultFlags = b.getInt(p);
                }
            } else if (type.equals("trun")) {
                int flags = b.getInt(pos + 8) & 0xFFFFFF;
                int p = pos + 16; // version/flags, sample_count
                p += (flags & 0x1) != 0 ? 4 : 0;
                Integer first = null;
                if ((flags & 0x4) != 0) {
                    first = b.getInt(p);
                } else if ((flags & 0x400) != 0) {
                    p += (flags & 0x100) != 0 ? 4 : 0;
                    p += (flags & 0x200) != 0 ? 4 : 0;
                    first = b.getInt(p);
                } else {
                    first = defaultFlags;
                }
                return first != null && (first & 0x10000) == 0;
            }
            pos += size;
        }
        return false;
    }

    static boolean isEnd(IOException e) {
        return e instanceof EOFException;
    }
}
