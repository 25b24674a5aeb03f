package org.redwhistle.api.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;

/** Golden cases of the GB/T 28181 national code: its fields, and each rejection with its reason. */
class NationalCodeTest {

    /** 松鹤园社区's first grid, up to 奎文区, as the geo engine chains them (nearest first). */
    private static final List<AreaRef> SONGHEYUAN = List.of(new AreaRef(9, AreaLevel.GRID, "370705001001-G1", "第一网格（西北）", 4L),
            new AreaRef(4, AreaLevel.COMMUNITY, "370705001001", "松鹤园社区", 3L), new AreaRef(3, AreaLevel.STREET, "370705001", "广文街道", 1L),
            new AreaRef(1, AreaLevel.DISTRICT, "370705", "奎文区", null));

    @Test
    void readsTheFiveFieldsOfAValidCameraCode() {
        NationalCode.Parsed p = NationalCode.parseCamera("37070501011320000007");
        assertThat(p.ok()).isTrue();
        NationalCode c = p.code();
        assertThat(c.centre()).isEqualTo("37070501");
        assertThat(c.industry()).isEqualTo("01");
        assertThat(c.type()).isEqualTo("132");
        assertThat(c.network()).isEqualTo("0");
        assertThat(c.serial()).isEqualTo(7);
        assertThat(c.prefix()).isEqualTo("37070501011320");
        assertThat(NationalCode.of("37070501011310", 42).value()).isEqualTo("37070501011310000042");
        // leading and trailing blanks are not part of the code
        assertThat(NationalCode.parse(" 37070501011320000007\n").code().value()).isEqualTo("37070501011320000007");
    }

    @Test
    void refusesEachMalformedCodeWithItsReason() {
        assertRefused(NationalCode.parse(null), "empty", "国标编码为空", "the national code is empty");
        assertRefused(NationalCode.parse("  "), "empty", "国标编码为空", "the national code is empty");
        assertRefused(NationalCode.parse("3707050101132000001"), "length", "国标编码应为 20 位数字，实为 19 位",
                "the national code must have 20 digits, not 19 characters");
        assertRefused(NationalCode.parse("370705010113200000071"), "length", "国标编码应为 20 位数字，实为 21 位",
                "the national code must have 20 digits, not 21 characters");
        assertRefused(NationalCode.parse("3707050101132000000A"), "digits", "国标编码只能含数字，第 20 位是“A”",
                "the national code has digits only; character 20 is 'A'");
        assertRefused(NationalCode.parse("37070501O11320000007"), "digits", "国标编码只能含数字，第 9 位是“O”",
                "the national code has digits only; character 9 is 'O'");
        assertRefused(NationalCode.parse("00070501011320000007"), "province",
                "中心编码的省级代码“00”不是 GB/T 2260 的省级行政区划代码（11–82）",
                "the centre code's province 00 is not a GB/T 2260 province code (11-82)");
        assertThatThrownBy(() -> new NationalCode("123")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 digits");
    }

    @Test
    void aCameraCodeMustHaveACameraType() {
        assertThat(NationalCode.parseCamera("37070501011310000001").ok()).isTrue();
        assertRefused(NationalCode.parseCamera("37070501011180000001"), "not-camera",
                "类型编码“118”（网络视频录像机 NVR）不是摄像机类型（131 摄像机、132 网络摄像机）",
                "type code 118 is not a camera type (131 camera, 132 IP camera)");
        assertRefused(NationalCode.parseCamera("37070500012000000001"), "not-camera",
                "类型编码“200”（中心信令控制服务器）不是摄像机类型（131 摄像机、132 网络摄像机）",
                "type code 200 is not a camera type (131 camera, 132 IP camera)");
        assertThat(NationalCode.parseCamera("37070501019990000001").rejection().zh()).contains("“999”（未列出的类型）");
        // a platform's code is a well-formed code all the same
        assertThat(NationalCode.parse("37070500012000000001").ok()).isTrue();
    }

    @Test
    void theCentreCodeComesFromTheAreasAdministrativeDivisionCode() {
        CentreCodes c = CentreCodes.of(SONGHEYUAN).orElseThrow();
        assertThat(c.own()).isEqualTo("37070501");
        assertThat(c.allowed()).containsExactly("37070501", "37070500", "37070000", "37000000");
        assertThat(c.areaName()).isEqualTo("松鹤园社区");
        // a street (9 digits) and a county (6 digits) directly; a town (1xx) shares its county's centre
        assertThat(CentreCodes.centreOf("370705004")).contains("37070504");
        assertThat(CentreCodes.centreOf("370705")).contains("37070500");
        assertThat(CentreCodes.centreOf("370705101002")).contains("37070500");
        assertThat(CentreCodes.centreOf("370705001001-G1")).isEmpty();
        assertThat(CentreCodes.of(List.of(new AreaRef(1, AreaLevel.DISTRICT, "DEMO", "演示区", null)))).isEmpty();
    }

    @Test
    void aCodeWhoseCentreIsNotTheAreasIsRefused() {
        CentreCodes songheyuan = CentreCodes.of(SONGHEYUAN).orElseThrow();
        assertThat(new NationalCode("37070501011320000001").centreWithin(songheyuan)).isEmpty();
        assertThat(new NationalCode("37070500011320000001").centreWithin(songheyuan)).isEmpty(); // the district's centre
        NationalCode.Rejection r = new NationalCode("37070502011320000001").centreWithin(songheyuan).orElseThrow();
        assertThat(r.key()).isEqualTo("centre");
        assertThat(r.zh()).isEqualTo("中心编码“37070502”与所在区域“松鹤园社区”（37070501）不符");
        assertThat(r.en()).isEqualTo("the centre code 37070502 does not match the area 松鹤园社区 (37070501)");
        assertThat(new NationalCode("32050501011320000001").centreWithin(songheyuan)).isPresent();
    }

    private static void assertRefused(NationalCode.Parsed p, String key, String zh, String en) {
        assertThat(p.ok()).isFalse();
        assertThat(p.code()).isNull();
        assertThat(p.rejection()).isEqualTo(new NationalCode.Rejection(key, zh, en));
    }
}
