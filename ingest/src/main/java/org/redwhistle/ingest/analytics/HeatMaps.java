package org.redwhistle.ingest.analytics;

/** Reading the centre heat maps of the keypoint-style person networks (CenterNet, MoveNet). */
final class HeatMaps {

    private HeatMaps() {
    }

    /** Whether {@code v} at (x, y) of a {@code w}×{@code h} map is a peak: no 3×3 neighbour is higher. */
    static boolean peak(float[] map, int w, int h, int x, int y, float v) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < w && yy < h && map[yy * w + xx] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code v} rounded and held within [0, max]. */
    static int clamp(double v, int max) {
        return (int) Math.max(0, Math.min(max, Math.round(v)));
    }
}
