package org.redwhistle.api.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.errors.ApiException;

/** Pictures in, what is stored out: decoded, upright, shrunk, JPEG without EXIF; or a 422 naming the field and why. */
class PhotoNormalizerTest {

    private static final PhotoNormalizer.Limits LIMITS = new PhotoNormalizer.Limits(1600, 40_000_000, 0.85f);

    @BeforeAll
    static void codecs() {
        PhotoNormalizer.requireCodecs();
    }

    private static BufferedImage read(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static ApiException refusal(byte[] data, ImageFormat declared) {
        try {
            PhotoNormalizer.normalize("photo", data, declared, LIMITS);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void tellsFormatsByTheirBytesNotTheirName() {
        assertThat(ImageFormat.sniff(TestPictures.jpeg(10, 10))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(TestPictures.png(10, 10, false))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(TestPictures.resource("scene-lossy.webp"))).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff("GIF89a......".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageFormat.ofMediaType("IMAGE/PNG; charset=x")).contains(ImageFormat.PNG);
        assertThat(ImageFormat.ofMediaType("image/gif")).isEmpty();
    }

    @Test
    void storesEveryAcceptedFormatAsAJpegOfTheSameSize() throws IOException {
        for (Object[] c : new Object[][] {{TestPictures.jpeg(320, 240), ImageFormat.JPEG, 320, 240},
            {TestPictures.png(200, 100, true), ImageFormat.PNG, 200, 100},
            {TestPictures.resource("scene-lossy.webp"), ImageFormat.WEBP, 96, 64},
            {TestPictures.resource("scene-lossless.webp"), ImageFormat.WEBP, 96, 64}}) {
            PhotoNormalizer.Normalized n = PhotoNormalizer.normalize("photo", (byte[]) c[0], (ImageFormat) c[1], LIMITS);
            assertThat(n.contentType()).isEqualTo("image/jpeg");
            assertThat(ImageFormat.sniff(n.data())).contains(ImageFormat.JPEG);
            BufferedImage back = read(n.data());
            assertThat(new int[] {back.getWidth(), back.getHeight(), n.width(), n.height()}).containsExactly((int) c[2], (int) c[3], (int) c[2],
                    (int) c[3]);
        }
    }

    @Test
    void transparencyIsFlattenedOnWhite() throws IOException {
        BufferedImage png = read(PhotoNormalizer.normalize("photo", TestPictures.png(200, 100, true), ImageFormat.PNG, LIMITS).data());
        assertThat(brightness(png.getRGB(190, 50))).isGreaterThan(240); // was transparent
        assertThat(brightness(png.getRGB(40, 90))).isLessThan(120);     // was dark blue
        BufferedImage webp = read(PhotoNormalizer.normalize("photo", TestPictures.resource("scene-lossless.webp"), ImageFormat.WEBP, LIMITS).data());
        assertThat(brightness(webp.getRGB(90, 10))).isGreaterThan(240);
        assertThat(brightness(webp.getRGB(5, 5))).isLessThan(120);
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
    }

    @Test
    void exifWithTheGpsPositionIsDroppedAndTheOrientationApplied() throws IOException {
        byte[] phone = TestPictures.jpegWithExif(400, 200, 6);
        assertThat(TestPictures.hasExifSegment(phone)).isTrue();
        assertThat(ExifOrientation.of(phone)).isEqualTo(6);
        PhotoNormalizer.Normalized n = PhotoNormalizer.normalize("photo", phone, ImageFormat.JPEG, LIMITS);
        assertThat(TestPictures.hasExifSegment(n.data())).isFalse();
        assertThat(indexOf(n.data(), "Exif".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        // stored 400 × 200, to be turned a quarter clockwise: upright it is 200 × 400, the red corner now top-right
        BufferedImage upright = read(n.data());
        assertThat(new int[] {upright.getWidth(), upright.getHeight()}).containsExactly(200, 400);
        int corner = upright.getRGB(195, 5);
        assertThat(corner >> 16 & 0xff).isGreaterThan(200);
        assertThat(corner >> 8 & 0xff).isLessThan(60);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void largePicturesAreShrunkToTheLongestSide() throws IOException {
        PhotoNormalizer.Normalized wide = PhotoNormalizer.normalize("photo", TestPictures.jpeg(4000, 1000), ImageFormat.JPEG, LIMITS);
        assertThat(new int[] {wide.width(), wide.height()}).containsExactly(1600, 400);
        BufferedImage back = read(wide.data());
        assertThat(back.getWidth()).isEqualTo(1600);
        PhotoNormalizer.Normalized tall = PhotoNormalizer.normalize("photo", TestPictures.png(900, 2500, false), ImageFormat.PNG,
                new PhotoNormalizer.Limits(800, 40_000_000, 0.85f));
        assertThat(new int[] {tall.width(), tall.height()}).containsExactly(288, 800);
    }

    @Test
    void refusesWhatIsNotWhatItSaysDamagedOrTooManyPixelsNamingTheField() {
        ApiException text = refusal("hello, not a picture".getBytes(StandardCharsets.UTF_8), ImageFormat.JPEG);
        assertThat(text.status().value()).isEqualTo(422);
        assertThat(text.errors()).extracting(ApiException.FieldError::field).containsExactly("photo");
        assertThat(refusal(TestPictures.png(20, 20, false), ImageFormat.JPEG).getMessage()).contains("image/png", "not the image/jpeg");
        assertThat(refusal(new byte[0], ImageFormat.PNG).getMessage()).contains("empty");

        byte[] jpeg = TestPictures.jpeg(320, 240);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThat(refusal(truncated, ImageFormat.JPEG).getMessage()).contains("damaged");
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        assertThat(refusal(garbage, ImageFormat.JPEG).status().value()).isEqualTo(422);
        byte[] webp = TestPictures.resource("scene-lossy.webp");
        assertThat(refusal(Arrays.copyOf(webp, 40), ImageFormat.WEBP).status().value()).isEqualTo(422);

        ApiException bomb = refusal(TestPictures.pngClaiming(20_000, 20_000), ImageFormat.PNG);
        assertThat(bomb.getMessage()).contains("20000 × 20000", "40 megapixels");
    }

    @Test
    void withoutAnOrientationTagNothingTurns() {
        assertThat(ExifOrientation.of(TestPictures.jpeg(10, 10))).isEqualTo(1);
        assertThatThrownBy(() -> PhotoNormalizer.normalize("photos[0]", new byte[] {1, 2, 3}, ImageFormat.PNG, LIMITS))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("photos[0]"));
    }
}
