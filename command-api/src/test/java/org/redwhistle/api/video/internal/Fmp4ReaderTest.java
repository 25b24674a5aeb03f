package org.redwhistle.api.video.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ffmpeg's fragmented MP4, as the relay writes it, cut into MSE pieces; keyframes found where the encoder put them. */
class Fmp4ReaderTest {

    /** 3 s of H.264 at 10 fps with a keyframe every 10 frames, fragmented as Relay asks ffmpeg to. */
    private static byte[] threeSeconds() throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc=size=320x240:rate=10", "-t", "3", "-c:v", "libx264", "-profile:v", "baseline", "-g", "10",
                "-keyint_min", "10", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-f", "mp4",
                "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "100000", "pipe:1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void cutsTheInitSegmentAndFragmentsAndFindsTheKeyframes() throws Exception {
        Fmp4Reader reader = new Fmp4Reader(new ByteArrayInputStream(threeSeconds()));
        Fmp4Reader.Piece init = reader.next();
        assertThat(init.init()).isTrue();
        assertThat(new String(init.bytes(), 4, 4)).isEqualTo("ftyp");
        assertThat(Relay.codecOf(init.bytes())).as("baseline profile, its flags and level from avcC").matches("avc1\\.42[0-9A-F]{2}0B");

        List<Fmp4Reader.Piece> fragments = new ArrayList<>();
        try {
            while (true) {
                fragments.add(reader.next());
            }
        } catch (EOFException end) {
            // all read
        }
        assertThat(fragments).allSatisfy(f -> assertThat(new String(f.bytes(), 4, 4)).isEqualTo("moof"));
        assertThat(fragments.size()).as("fragments of about 100 ms").isGreaterThanOrEqualTo(25);
        assertThat(fragments.get(0).keyframe()).isTrue();
        assertThat(fragments.stream().filter(Fmp4Reader.Piece::keyframe).count()).as("one keyframe a second").isEqualTo(3);
    }
}
