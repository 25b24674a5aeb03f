package org.redwhistle.api.devices;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.redwhistle.geo.area.AreaRef;

/**
 * The 8-digit centre codes (中心编码) the cameras of an area may carry. The area's own is derived from the
 * nearest area of its chain whose code is an administrative division code (GB/T 2260 county, 6 digits,
 * optionally followed by the 3-digit township/street of the statistical division code and the 3-digit
 * community): province, city and county as they are, the grass-roots unit (基层接入单位) the street's number
 * when it fits two digits (001–099, the streets 街道), otherwise 00 — a town (100–199) or township
 * (200–399) then shares the county's centre. A camera may also carry the centre of the county, city or
 * province above (its 监控中心 may be at any of those levels, spare digits 0).
 *
 * @param own      the area's own centre code, e.g. 37070501 for 松鹤园社区 (370705001001)
 * @param allowed  own, then the county's, city's and province's (e.g. 37070500, 37070000, 37000000)
 * @param areaName the name of the area the code was derived from, for rejections
 */
public record CentreCodes(String own, List<String> allowed, String areaName) {

    /** From an area's chain, nearest first; empty when no area of it has an administrative division code. */
    public static Optional<CentreCodes> of(List<AreaRef> chain) {
        for (AreaRef a : chain) {
            Optional<String> own = centreOf(a.code());
            if (own.isPresent()) {
                String c = own.get();
                var allowed = new LinkedHashSet<String>();
                allowed.add(c);
                allowed.add(c.substring(0, 6) + "00");
                allowed.add(c.substring(0, 4) + "0000");
                allowed.add(c.substring(0, 2) + "000000");
                return Optional.of(new CentreCodes(c, List.copyOf(allowed), a.name()));
            }
        }
        return Optional.empty();
    }

    /** The centre code of one administrative division code (6, 9 or 12 digits); empty for any other code. */
    public static Optional<String> centreOf(String code) {
        if (code == null || !code.matches("\\d{6}|\\d{9}|\\d{12}")) {
            return Optional.empty();
        }
        String unit = "00";
        if (code.length() >= 9) {
            int street = Integer.parseInt(code.substring(6, 9));
            if (street >= 1 && street <= 99) {
                unit = String.format("%02d", street);
            }
        }
        return Optional.of(code.substring(0, 6) + unit);
    }
}
