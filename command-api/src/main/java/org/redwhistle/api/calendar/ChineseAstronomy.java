package org.redwhistle.api.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The astronomy the Chinese calendar is made of, computed, never typed: new moons (Meeus,
 * <i>Astronomical Algorithms</i>, 2nd ed., ch. 49, with the planetary corrections: seconds of
 * error), the Sun's apparent longitude (VSOP87, see {@link #solarLongitude(double)}: a solar term
 * to within a minute) and ΔT (Espenak and Meeus' polynomials). The calendar rules are those of GB/T 33661-2017
 * 《农历的编算和颁行》: a month starts on the day, Beijing time (UTC+8), of a new moon; the month holding
 * the winter solstice is the eleventh; in a year of 13 months between two eleventh months, the first
 * month without a major solar term (中气, the Sun's longitude a multiple of 30°) is the leap month.
 */
final class ChineseAstronomy {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final double J2000 = 2451545.0;
    private static final double UNIX_EPOCH_JD = 2440587.5;
    private static final double SYNODIC_MONTH = 29.530588861;

    private ChineseAstronomy() {
    }

    // ---- time scales ----

    static double julianDay(Instant t) {
        return UNIX_EPOCH_JD + t.toEpochMilli() / 86_400_000.0;
    }

    static Instant instant(double julianDay) {
        return Instant.ofEpochMilli(Math.round((julianDay - UNIX_EPOCH_JD) * 86_400_000.0));
    }

    /** TT − UT in seconds (Espenak and Meeus, NASA's eclipse pages; a prediction after today). */
    static double deltaT(double year) {
        if (year < 2005) {
            double t = year - 2000;
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t
                    + 0.00002373599 * t * t * t * t * t;
        }
        if (year < 2050) {
            double t = year - 2000;
            return 62.92 + 0.32217 * t + 0.005589 * t * t;
        }
        if (year < 2150) {
            double u = (year - 1820) / 100;
            return -20 + 32 * u * u - 0.5628 * (2150 - year);
        }
        double u = (year - 1820) / 100;
        return -20 + 32 * u * u;
    }

    private static double yearOf(double julianDay) {
        return 2000 + (julianDay - J2000) / 365.25;
    }

    private static double ephemeris(double jdUt) {
        return jdUt + deltaT(yearOf(jdUt)) / 86400;
    }

    private static double universal(double jde) {
        return jde - deltaT(yearOf(jde)) / 86400;
    }

    private static double sin(double degrees) {
        return Math.sin(Math.toRadians(degrees));
    }

    private static double norm(double degrees) {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }

    // ---- the Sun ----

    /*
     * The Earth's heliocentric ecliptic longitude and distance, VSOP87 (Bretagnon and Francou), series
     * B (J2000 ecliptic), truncated as in Astronomy Engine 2.1.19 (Donald Cross, MIT licence): each
     * row amplitude, phase, frequency; series k is multiplied by t^k, t in Julian millennia from J2000.
     */
    private static final double[][][] EARTH_L = {
            {{1.75347045673, 0, 0},
             {0.03341656453, 4.66925680415, 6283.0758499914},
             {0.00034894275, 4.62610242189, 12566.1516999828},
             {0.00003417572, 2.82886579754, 3.523118349},
             {0.00003497056, 2.74411783405, 5753.3848848968},
             {0.00003135899, 3.62767041756, 77713.7714681205},
             {0.00002676218, 4.41808345438, 7860.4193924392},
             {0.00002342691, 6.13516214446, 3930.2096962196},
             {0.00001273165, 2.03709657878, 529.6909650946},
             {0.00001324294, 0.74246341673, 11506.7697697936},
             {0.00000901854, 2.04505446477, 26.2983197998},
             {0.00001199167, 1.10962946234, 1577.3435424478},
             {0.00000857223, 3.50849152283, 398.1490034082},
             {0.00000779786, 1.17882681962, 5223.6939198022},
             {0.0000099025, 5.23268072088, 5884.9268465832},
             {0.00000753141, 2.53339052847, 5507.5532386674},
             {0.00000505267, 4.58292599973, 18849.2275499742},
             {0.00000492392, 4.20505711826, 775.522611324},
             {0.00000356672, 2.91954114478, 0.0673103028},
             {0.00000284125, 1.89869240932, 796.2980068164},
             {0.00000242879, 0.34481445893, 5486.777843175},
             {0.00000317087, 5.84901948512, 11790.6290886588},
             {0.00000271112, 0.31486255375, 10977.078804699},
             {0.00000206217, 4.80646631478, 2544.3144198834},
             {0.00000205478, 1.86953770281, 5573.1428014331},
             {0.00000202318, 2.45767790232, 6069.7767545534},
             {0.00000126225, 1.08295459501, 20.7753954924},
             {0.00000155516, 0.83306084617, 213.299095438}},
            {{6283.0758499914, 0, 0},
             {0.00206058863, 2.67823455808, 6283.0758499914},
             {0.00004303419, 2.63512233481, 12566.1516999828}},
            {{0.00008721859, 1.07253635559, 6283.0758499914}}
    };
    private static final double[][][] EARTH_R = {
            {{1.00013988784, 0, 0},
             {0.01670699632, 3.09846350258, 6283.0758499914},
             {0.00013956024, 3.05524609456, 12566.1516999828},
             {0.0000308372, 5.19846674381, 77713.7714681205},
             {0.00001628463, 1.17387558054, 5753.3848848968},
             {0.00001575572, 2.84685214877, 7860.4193924392},
             {0.00000924799, 5.45292236722, 11506.7697697936},
             {0.00000542439, 4.56409151453, 3930.2096962196},
             {0.0000047211, 3.66100022149, 5884.9268465832},
             {8.5831e-7, 1.27079125277, 161000.6857376741},
             {5.7056e-7, 2.01374292245, 83996.84731811189},
             {5.5736e-7, 5.2415979917, 71430.69561812909},
             {0.00000174844, 3.01193636733, 18849.2275499742},
             {0.00000243181, 4.2734953079, 11790.6290886588}},
            {{0.00103018607, 1.10748968172, 6283.0758499914},
             {0.00001721238, 1.06442300386, 12566.1516999828}},
            {{0.00004359385, 5.78455133808, 6283.0758499914}}
    };

    private static double vsop(double[][][] series, double t) {
        double value = 0;
        double power = 1;
        for (double[][] s : series) {
            double sum = 0;
            for (double[] term : s) {
                sum += term[0] * Math.cos(term[1] + term[2] * t);
            }
            value += sum * power;
            power *= t;
        }
        return value;
    }

    /**
     * The Sun's apparent geocentric longitude in degrees [0, 360) at a Julian Ephemeris Day: the
     * Earth's VSOP87 longitude turned around (+180°), carried from the J2000 ecliptic to that of the
     * date by the general precession in longitude (IAU 2006), plus the nutation in longitude (the four
     * largest terms, Meeus ch. 22) and the annual aberration (−20.4898″/R). About an arcsecond: a
     * solar term to within a minute of time.
     */
    static double solarLongitude(double jde) {
        double tau = (jde - J2000) / 365250;
        double t = tau * 10;
        double lon = Math.toDegrees(vsop(EARTH_L, tau)) + 180;
        double r = vsop(EARTH_R, tau);
        double precession = (5028.796195 * t + 1.1054348 * t * t) / 3600;
        double omega = 125.04452 - 1934.136261 * t;
        double sunMean = 280.4665 + 36000.7698 * t;
        double moonMean = 218.3165 + 481267.8813 * t;
        double nutation = (-17.20 * sin(omega) - 1.32 * sin(2 * sunMean) - 0.23 * sin(2 * moonMean) + 0.21 * sin(2 * omega)) / 3600;
        double aberration = -20.4898 / 3600 / r;
        return norm(lon + precession + nutation + aberration);
    }

    /** The Sun's apparent longitude at an instant. */
    static double solarLongitude(Instant t) {
        return solarLongitude(ephemeris(julianDay(t)));
    }

    /** The instant the Sun's apparent longitude reaches {@code degrees}, the first after {@code after}. */
    static Instant solarTerm(double degrees, Instant after) {
        double jde = ephemeris(julianDay(after));
        double behind = norm(degrees - solarLongitude(jde));
        jde += behind / 360 * 365.2422;
        for (int i = 0; i < 20; i++) {
            double diff = norm(degrees - solarLongitude(jde) + 180) - 180;
            jde += diff / 360 * 365.2422;
            if (Math.abs(diff) < 1e-7) {
                break;
            }
        }
        return instant(universal(jde));
    }

    // ---- the Moon ----

    /** The new moon of lunation {@code k} (0 = 2000-01-06), as a Julian Ephemeris Day (Meeus ch. 49). */
    static double newMoonJde(long k) {
        double t = k / 1236.85;
        double jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t * t - 0.000000150 * t * t * t + 0.00000000073 * t * t * t * t;
        double e = 1 - 0.002516 * t - 0.0000074 * t * t;
        double m = 2.5534 + 29.10535670 * k - 0.0000014 * t * t - 0.00000011 * t * t * t;
        double mp = 201.5643 + 385.81693528 * k + 0.0107582 * t * t + 0.00001238 * t * t * t - 0.000000058 * t * t * t * t;
        double f = 160.7108 + 390.67050284 * k - 0.0016118 * t * t - 0.00000227 * t * t * t + 0.000000011 * t * t * t * t;
        double om = 124.7746 - 1.56375588 * k + 0.0020672 * t * t + 0.00000215 * t * t * t;
        double c = -0.40720 * sin(mp) + 0.17241 * e * sin(m) + 0.01608 * sin(2 * mp) + 0.01039 * sin(2 * f) + 0.00739 * e * sin(mp - m)
                - 0.00514 * e * sin(mp + m) + 0.00208 * e * e * sin(2 * m) - 0.00111 * sin(mp - 2 * f) - 0.00057 * sin(mp + 2 * f)
                + 0.00056 * e * sin(2 * mp + m) - 0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f)
                - 0.00024 * e * sin(2 * mp - m) - 0.00017 * sin(om) - 0.00007 * sin(mp + 2 * m) + 0.00004 * sin(2 * mp - 2 * f)
                + 0.00004 * sin(3 * m) + 0.00003 * sin(mp + m - 2 * f) + 0.00003 * sin(2 * mp + 2 * f) - 0.00003 * sin(mp + m + 2 * f)
                + 0.00003 * sin(mp - m + 2 * f) - 0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) + 0.00002 * sin(4 * mp);
        double[][] planetary = {{299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
                {349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062}, {207.14, 2.453732, 0.000060},
                {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047}, {207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040},
                {161.72, 24.198154, 0.000037}, {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023}};
        double a = 0;
        for (int i = 0; i < planetary.length; i++) {
            double arg = planetary[i][0] + planetary[i][1] * k - (i == 0 ? 0.009173 * t * t : 0);
            a += planetary[i][2] * sin(arg);
        }
        return jde + c + a;
    }

    static Instant newMoon(long k) {
        return instant(universal(newMoonJde(k)));
    }

    static LocalDate beijingDate(Instant t) {
        return t.atOffset(BEIJING).toLocalDate();
    }

    private static Instant beijingMidnight(LocalDate d) {
        return ZonedDateTime.of(d.atStartOfDay(), BEIJING).toInstant();
    }

    /** The lunation whose new moon falls on {@code d} or is the last before it, Beijing dates. */
    private static long lunationOnOrBefore(LocalDate d) {
        double jd = julianDay(beijingMidnight(d));
        long k = (long) Math.floor((jd - 2451550.09766) / SYNODIC_MONTH) + 1;
        while (beijingDate(newMoon(k)).isAfter(d)) {
            k--;
        }
        while (!beijingDate(newMoon(k + 1)).isAfter(d)) {
            k++;
        }
        return k;
    }

    /** Whether the month starting with lunation {@code k} holds a major solar term (中气). */
    private static boolean holdsMajorTerm(long k) {
        double from = solarLongitude(beijingMidnight(beijingDate(newMoon(k))));
        double to = solarLongitude(beijingMidnight(beijingDate(newMoon(k + 1))));
        if (to < from) {
            to += 360;
        }
        return Math.floor(to / 30) != Math.floor(from / 30);
    }

    /** The day of the winter solstice (Sun at 270°) in December of {@code year}, Beijing time. */
    static LocalDate winterSolstice(int year) {
        return beijingDate(solarTerm(270, ZonedDateTime.of(year, 12, 1, 0, 0, 0, 0, BEIJING).toInstant()));
    }

    /** The day (Beijing time) the Sun reaches {@code degrees} in {@code year}, searching from {@code month}/1. */
    static LocalDate solarTermDay(int year, int month, double degrees) {
        return beijingDate(solarTerm(degrees, ZonedDateTime.of(year, month, 1, 0, 0, 0, 0, BEIJING).toInstant()));
    }

    /**
     * The Gregorian date of day {@code day} of the (ordinary, not leap) lunar month {@code month}
     * (1..12) of the lunar year whose first day falls in Gregorian {@code year}. Months 11 and 12
     * are those at that lunar year's end, in January or February of the next Gregorian year.
     */
    static LocalDate lunarDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > 30) {
            throw new IllegalArgumentException("no lunar date " + month + "/" + day);
        }
        // the suì from the eleventh month holding the solstice of year-1 to the one holding that of year
        long start = lunationOnOrBefore(winterSolstice(year - 1));
        long end = lunationOnOrBefore(winterSolstice(year));
        if (month >= 11) {
            start = end;
            end = lunationOnOrBefore(winterSolstice(year + 1));
        }
        boolean leapYear = end - start == 13;
        boolean leapSeen = false;
        int number = 11;
        for (long k = start + 1; k < end; k++) {
            if (leapYear && !leapSeen && !holdsMajorTerm(k)) {
                leapSeen = true; // a leap month repeats the number of the month before it
                continue;
            }
            number = number == 12 ? 1 : number + 1;
            if (number == month) {
                LocalDate first = beijingDate(newMoon(k));
                LocalDate next = beijingDate(newMoon(k + 1));
                LocalDate d = first.plusDays(day - 1L);
                if (!d.isBefore(next)) {
                    throw new IllegalArgumentException("lunar month " + month + " of " + year + " has " + (next.toEpochDay() - first.toEpochDay()) + " days");
                }
                return d;
            }
        }
        if (month == 11) {
            return beijingDate(newMoon(start)).plusDays(day - 1L);
        }
        throw new IllegalStateException("lunar month " + month + " not found for " + year);
    }

    /** 正月初一 of the lunar year starting in Gregorian {@code year}. */
    static LocalDate lunarNewYear(int year) {
        return lunarDate(year, 1, 1);
    }
}
