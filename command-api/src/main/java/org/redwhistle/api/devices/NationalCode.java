package org.redwhistle.api.devices;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device's 20-digit national code (国标编码) under GB/T 28181 附录 D 编码规则 A: 中心编码 (8: province 2,
 * city 2, county 2, grass-roots unit 2, from the administrative division code of GB/T 2260) + 行业编码 (2)
 * + 类型编码 (3) + 网络标识 (1) + 序号 (6). Pure: text in, a code or a {@link Rejection} with its reason out.
 * docs/gb28181.md cites the rules relied on.
 */
public record NationalCode(String value) {

    /** The type codes this platform files as cameras: 131 摄像机, 132 网络摄像机 (IPC). */
    public static final List<String> CAMERA_TYPES = List.of("131", "132");

    /** The type codes named in rejections (GB/T 28181 表 D.1, the common ones); others are shown by number. */
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(Map.entry("111", "DVR"), Map.entry("112", "视频服务器"),
            Map.entry("113", "编码器"), Map.entry("114", "解码器"), Map.entry("115", "视频切换矩阵"), Map.entry("116", "音频切换矩阵"),
            Map.entry("117", "报警控制器"), Map.entry("118", "网络视频录像机 NVR"), Map.entry("130", "混合硬盘录像机 HVR"),
            Map.entry("131", "摄像机"), Map.entry("132", "网络摄像机 IPC"), Map.entry("133", "显示器"), Map.entry("134", "报警输入设备"),
            Map.entry("135", "报警输出设备"), Map.entry("136", "语音输入设备"), Map.entry("137", "语音输出设备"),
            Map.entry("138", "移动传输设备"), Map.entry("139", "其他外围设备"), Map.entry("200", "中心信令控制服务器"),
            Map.entry("201", "Web 应用服务器"), Map.entry("205", "报警服务器"), Map.entry("206", "数据库服务器"),
            Map.entry("207", "GIS 服务器"), Map.entry("208", "管理服务器"), Map.entry("209", "接入网关"), Map.entry("210", "媒体存储服务器"),
            Map.entry("215", "业务分组"), Map.entry("216", "虚拟组织"), Map.entry("300", "中心用户"), Map.entry("400", "终端用户"));

    /** Why a text is not an acceptable national code: a stable key, the reason in Chinese and in English. */
    public record Rejection(String key, String zh, String en) {
    }

    /** The outcome of {@link #parse}: exactly one of the two is present. */
    public record Parsed(NationalCode code, Rejection rejection) {

        public boolean ok() {
            return code != null;
        }
    }

    public NationalCode {
        Rejection r = problem(value);
        if (r != null) {
            throw new IllegalArgumentException(r.en());
        }
        value = value.strip();
    }

    /** Any well-formed code (a platform's 200, an NVR's 118, a camera's 131 …). */
    public static Parsed parse(String text) {
        Rejection r = problem(text);
        return r == null ? new Parsed(new NationalCode(text), null) : new Parsed(null, r);
    }

    /** A well-formed code whose type is a camera's (131 or 132). */
    public static Parsed parseCamera(String text) {
        Parsed p = parse(text);
        if (p.ok() && !CAMERA_TYPES.contains(p.code().type())) {
            String t = p.code().type();
            String name = TYPE_NAMES.getOrDefault(t, "未列出的类型");
            return refused("not-camera", "类型编码“" + t + "”（" + name + "）不是摄像机类型（131 摄像机、132 网络摄像机）",
                    "type code " + t + " is not a camera type (131 camera, 132 IP camera)");
        }
        return p;
    }

    /** Why the text is not a well-formed code; null when it is. */
    private static Rejection problem(String text) {
        if (text == null || text.isBlank()) {
            return new Rejection("empty", "国标编码为空", "the national code is empty");
        }
        String s = text.strip();
        if (s.length() != 20) {
            return new Rejection("length", "国标编码应为 20 位数字，实为 " + s.length() + " 位",
                    "the national code must have 20 digits, not " + s.length() + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return new Rejection("digits", "国标编码只能含数字，第 " + (i + 1) + " 位是“" + c + "”",
                        "the national code has digits only; character " + (i + 1) + " is '" + c + "'");
            }
        }
        int province = Integer.parseInt(s.substring(0, 2));
        if (province < 11 || province > 82) {
            return new Rejection("province", "中心编码的省级代码“" + s.substring(0, 2) + "”不是 GB/T 2260 的省级行政区划代码（11–82）",
                    "the centre code's province " + s.substring(0, 2) + " is not a GB/T 2260 province code (11-82)");
        }
        return null;
    }

    private static Parsed refused(String key, String zh, String en) {
        return new Parsed(null, new Rejection(key, zh, en));
    }

    /** 中心编码: the administrative division of the centre the device belongs to (8 digits). */
    public String centre() {
        return value.substring(0, 8);
    }

    /** 行业编码 (2 digits). */
    public String industry() {
        return value.substring(8, 10);
    }

    /** 类型编码 (3 digits). */
    public String type() {
        return value.substring(10, 13);
    }

    /** 网络标识 (1 digit): 0–4 监控报警专网, 5 公安信息网, 6 政务网, 7 Internet, 8 社会资源接入网, 9 预留. */
    public String network() {
        return value.substring(13, 14);
    }

    /** 序号 (6 digits). */
    public int serial() {
        return Integer.parseInt(value.substring(14));
    }

    /** The first 14 digits: what a sequence of codes under one centre, industry, type and network shares. */
    public String prefix() {
        return value.substring(0, 14);
    }

    /** The code with this prefix and serial (1–999999). */
    public static NationalCode of(String prefix, int serial) {
        if (serial < 1 || serial > 999_999) {
            throw new IllegalArgumentException("serial " + serial + " is outside 1-999999");
        }
        return new NationalCode(prefix + String.format("%06d", serial));
    }

    /** Empty when the code's centre is one the area's cameras may carry; else why not. */
    public Optional<Rejection> centreWithin(CentreCodes area) {
        if (area.allowed().contains(centre())) {
            return Optional.empty();
        }
        return Optional.of(new Rejection("centre", "中心编码“" + centre() + "”与所在区域“" + area.areaName() + "”（" + area.own() + "）不符",
                "the centre code " + centre() + " does not match the area " + area.areaName() + " (" + area.own() + ")"));
    }

    @Override
    public String toString() {
        return value;
    }
}
