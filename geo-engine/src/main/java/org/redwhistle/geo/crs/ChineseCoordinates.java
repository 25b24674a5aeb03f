package org.redwhistle.geo.crs;

/**
 * WGS-84 ⇄ GCJ-02 ⇄ BD-09, after the widely published reference algorithm (the Krasovsky-ellipsoid
 * offset of GCJ-02 and Baidu's BD-09 rotation). Outside China (the reference algorithm's rectangle,
 * lon 72.004–137.8347, lat 0.8293–55.8271) GCJ-02 equals WGS-84. The inverses GCJ-02 → WGS-84 and
 * BD-09 → GCJ-02 are found by fixed-point iteration to well under a centimetre.
 */
public final class ChineseCoordinates {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private ChineseCoordinates() {
    }

    /** lon/lat pair; x = lon, y = lat. */
    public record LonLat(double lon, double lat) {
    }

    /** The coarse rectangle the reference algorithm uses for "inside China". */
    public static boolean outOfChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    public static LonLat wgs84ToGcj02(double lon, double lat) {
        if (outOfChina(lon, lat)) {
            return new LonLat(lon, lat);
        }
        double dLat = transformLat(lon - 105.0, lat - 35.0);
        double dLon = transformLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new LonLat(lon + dLon, lat + dLat);
    }

    public static LonLat gcj02ToWgs84(double lon, double lat) {
        if (outOfChina(lon, lat)) {
            return new LonLat(lon, lat);
        }
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < 30; i++) {
            LonLat g = wgs84ToGcj02(wLon, wLat);
            double dLon = g.lon() - lon;
            double dLat = g.lat() - lat;
            wLon -= dLon;
            wLat -= dLat;
            if (Math.abs(dLon) < 1e-10 && Math.abs(dLat) < 1e-10) {
                break;
            }
        }
        return new LonLat(wLon, wLat);
    }

    public static LonLat gcj02ToBd09(double lon, double lat) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new LonLat(z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006);
    }

    /**
     * The published closed-form inverse is off by up to ~0.2 m; a few fixed-point steps on the
     * forward formula, starting from it, bring that under a millimetre.
     */
    public static LonLat bd09ToGcj02(double lon, double lat) {
        LonLat g = bd09ToGcj02Approx(lon, lat);
        double gLon = g.lon();
        double gLat = g.lat();
        for (int i = 0; i < 10; i++) {
            LonLat b = gcj02ToBd09(gLon, gLat);
            double dLon = b.lon() - lon;
            double dLat = b.lat() - lat;
            gLon -= dLon;
            gLat -= dLat;
            if (Math.abs(dLon) < 1e-11 && Math.abs(dLat) < 1e-11) {
                break;
            }
        }
        return new LonLat(gLon, gLat);
    }

    private static LonLat bd09ToGcj02Approx(double lon, double lat) {
        double x = lon - 0.0065;
        double y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new LonLat(z * Math.cos(theta), z * Math.sin(theta));
    }

    public static LonLat bd09ToWgs84(double lon, double lat) {
        LonLat g = bd09ToGcj02(lon, lat);
        return gcj02ToWgs84(g.lon(), g.lat());
    }

    public static LonLat wgs84ToBd09(double lon, double lat) {
        LonLat g = wgs84ToGcj02(lon, lat);
        return gcj02ToBd09(g.lon(), g.lat());
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
