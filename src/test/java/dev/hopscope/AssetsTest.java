package dev.hopscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The icon renderings ride in the jar (the window's icon) and feed jpackage (packaging/build.sh
 * uses icon-256.png): each must be a real square PNG of the size its name says, with a
 * transparent corner, since the rounded tile must not sit on a white square in a dock or menu.
 */
class AssetsTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 48, 64, 128, 256, 512})
    void iconRenderingHasTheSizeItsNameSays(int size) throws Exception {
        String name = String.format("/assets/icon-%03d.png", size);
        try (InputStream in = AssetsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            BufferedImage image = ImageIO.read(in);
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(image.getHeight()).isEqualTo(size);
            assertThat(image.getColorModel().hasAlpha()).isTrue();
            assertThat(image.getRGB(0, 0) >>> 24).as("alpha of the top-left corner").isZero();
            // The middle of the tile is opaque: the rendering is not empty.
            assertThat(image.getRGB(size / 2, size / 2) >>> 24).isEqualTo(0xff);
        }
    }

    @Test
    void iconSourceIsPacked() throws Exception {
        try (InputStream in = AssetsTest.class.getResourceAsStream("/assets/icon.svg")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<svg").contains("viewBox=\"0 0 512 512\"");
        }
    }
}
