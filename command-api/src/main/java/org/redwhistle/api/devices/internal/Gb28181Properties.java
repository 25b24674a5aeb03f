package org.redwhistle.api.devices.internal;

import java.nio.charset.Charset;
import java.util.List;

import org.redwhistle.api.devices.NationalCode;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GB/T 28181 interconnection: the platform's own national code, how cameras' codes are assigned, and
 * how the camera catalogue (Catalog XML) is written and read. docs/gb28181.md explains each.
 *
 * @param platformCode   this platform's own 20-digit code (type 200, 中心信令控制服务器): the catalogue's
 *                       {@code DeviceID} and every item's {@code ParentID}
 * @param industryCode   行业编码 of the codes assigned to cameras (2 digits; 01 社会治安社区接入)
 * @param networkId      网络标识 of the codes assigned to cameras (1 digit; 0–4 监控报警专网, 8 社会资源接入网)
 * @param cameraType     类型编码 of the codes assigned to cameras (131 摄像机 or 132 网络摄像机 IPC)
 * @param exportEncoding the charset the exported catalogue is written in and declares in its prolog
 *                       (GB2312, GB18030 or UTF-8); characters it cannot hold are written as character references
 * @param coordinates    the datum of the catalogue's Longitude/Latitude, written and read (wgs84, gcj02 or bd09)
 * @param maxImportBytes the largest catalogue file accepted
 */
@ConfigurationProperties("redwhistle.gb28181")
public record Gb28181Properties(@DefaultValue("37070500012000000001") String platformCode, @DefaultValue("01") String industryCode,
        @DefaultValue("0") String networkId, @DefaultValue("132") String cameraType, @DefaultValue("GB2312") String exportEncoding,
        @DefaultValue("wgs84") String coordinates, @DefaultValue("5242880") int maxImportBytes) {

    public Gb28181Properties {
        if (!NationalCode.parse(platformCode).ok() || !"200".equals(platformCode.substring(10, 13))) {
            throw new IllegalArgumentException("redwhistle.gb28181.platform-code must be a 20-digit national code of type 200, not " + platformCode);
        }
        if (industryCode == null || !industryCode.matches("\\d{2}")) {
            throw new IllegalArgumentException("redwhistle.gb28181.industry-code must be 2 digits, not " + industryCode);
        }
        if (networkId == null || !networkId.matches("\\d")) {
            throw new IllegalArgumentException("redwhistle.gb28181.network-id must be 1 digit, not " + networkId);
        }
        if (!NationalCode.CAMERA_TYPES.contains(cameraType)) {
            throw new IllegalArgumentException("redwhistle.gb28181.camera-type must be one of " + NationalCode.CAMERA_TYPES);
        }
        if (!List.of("GB2312", "GB18030", "UTF-8").contains(exportEncoding)) {
            throw new IllegalArgumentException("redwhistle.gb28181.export-encoding must be GB2312, GB18030 or UTF-8, not " + exportEncoding);
        }
        if (CoordinateSystem.fromWire(coordinates).isEmpty()) {
            throw new IllegalArgumentException("redwhistle.gb28181.coordinates must be wgs84, gcj02 or bd09, not " + coordinates);
        }
    }

    /** The first 14 digits of a camera's code under a centre code: centre + industry + type + network. */
    public String cameraPrefix(String centre) {
        return centre + industryCode + cameraType + networkId;
    }

    public Charset charset() {
        return Charset.forName(exportEncoding);
    }

    public CoordinateSystem datum() {
        return CoordinateSystem.fromWire(coordinates).orElseThrow();
    }
}
