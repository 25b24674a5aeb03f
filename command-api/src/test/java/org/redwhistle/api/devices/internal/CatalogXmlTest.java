package org.redwhistle.api.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading and writing the GB/T 28181 Catalog document: charsets, refusals with line and column, no entities. */
class CatalogXmlTest {

    private static final Charset GB2312 = Charset.forName("GB2312");

    private static String doc(String encoding, String items) {
        return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<Response>\n<CmdType>Catalog</CmdType>\n<SN>17</SN>\n"
                + "<DeviceID>32050500002000000001</DeviceID>\n<SumNum>1</SumNum>\n<DeviceList Num=\"1\">\n" + items + "</DeviceList>\n</Response>\n";
    }

    private static final String ITEM = "<Item>\n<DeviceID>37070501011320000901</DeviceID>\n<Name>松鹤园东门枪机</Name>\n<Manufacturer>海康威视</Manufacturer>\n"
            + "<Model>DS-2CD3T46</Model>\n<Owner>松鹤园社区</Owner>\n<CivilCode>370705</CivilCode>\n<Address>松鹤园小区东门</Address>\n"
            + "<Parental>0</Parental>\n<ParentID>32050500002000000001</ParentID>\n<SafetyWay>0</SafetyWay>\n<RegisterWay>1</RegisterWay>\n"
            + "<Secrecy>0</Secrecy>\n<Status>ON</Status>\n<Longitude>119.1245</Longitude>\n<Latitude>36.7061</Latitude>\n"
            + "<Info><PTZType>1</PTZType></Info>\n</Item>\n";

    @Test
    void readsAGb2312Catalog() {
        CatalogXml.Catalog c = CatalogXml.read(doc("GB2312", ITEM).getBytes(GB2312));
        assertThat(c.root()).isEqualTo("Response");
        assertThat(c.deviceId()).isEqualTo("32050500002000000001");
        assertThat(c.sumNum()).isEqualTo(1);
        assertThat(c.listNum()).isEqualTo(1);
        assertThat(c.items()).hasSize(1);
        CatalogItem i = c.items().get(0);
        assertThat(i.deviceId()).isEqualTo("37070501011320000901");
        assertThat(i.name()).isEqualTo("松鹤园东门枪机");
        assertThat(i.manufacturer()).isEqualTo("海康威视");
        assertThat(i.status()).isEqualTo("ON");
        assertThat(i.longitude()).isEqualTo("119.1245");
        assertThat(i.line()).isEqualTo(8);
    }

    @Test
    void readsGb18030AndUtf8AndAGbkCharacterInAFileDeclaredGb2312() {
        // 镕 is in GBK and GB18030 but not in GB2312: platforms that declare GB2312 send it all the same
        String name = "<Name>朱镕路口</Name>";
        String item = ITEM.replace("<Name>松鹤园东门枪机</Name>", name);
        assertThat(CatalogXml.read(doc("GB2312", item).getBytes(Charset.forName("GBK"))).items().get(0).name()).isEqualTo("朱镕路口");
        assertThat(CatalogXml.read(doc("GB18030", item).getBytes(Charset.forName("GB18030"))).items().get(0).name()).isEqualTo("朱镕路口");
        assertThat(CatalogXml.read(doc("UTF-8", item).getBytes(StandardCharsets.UTF_8)).items().get(0).name()).isEqualTo("朱镕路口");
        // no declaration: UTF-8
        String bare = doc("UTF-8", item).replaceFirst("<\\?xml[^>]*\\?>\n", "");
        assertThat(CatalogXml.read(bare.getBytes(StandardCharsets.UTF_8)).items().get(0).name()).isEqualTo("朱镕路口");
    }

    @Test
    void refusesBadXmlWithTheParsersReasonLineAndColumn() {
        String broken = doc("UTF-8", ITEM).replace("</Name>", "</Nme>");
        assertThatThrownBy(() -> CatalogXml.read(broken.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(CatalogXml.Unreadable.class, e -> {
            assertThat(e.line).isEqualTo(10);
            assertThat(e.column).isPositive();
            assertThat(e.where()).startsWith("line 10, column ").contains("Name");
        });
        assertThatThrownBy(() -> CatalogXml.read("<Query><CmdType>Catalog</CmdType></Query>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CatalogXml.Unreadable.class).hasMessageContaining("root element is <Query>");
        assertThatThrownBy(() -> CatalogXml.read(doc("UTF-8", ITEM).replace(">Catalog<", ">DeviceInfo<").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CatalogXml.Unreadable.class).hasMessage("CmdType is \"DeviceInfo\", not Catalog");
        assertThatThrownBy(() -> CatalogXml.read(doc("ISO-8859-5", ITEM).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CatalogXml.Unreadable.class).hasMessageContaining("encoding \"ISO-8859-5\" is not supported");
        // GB2312 bytes in a file that says UTF-8
        assertThatThrownBy(() -> CatalogXml.read(doc("UTF-8", ITEM).getBytes(GB2312)))
                .isInstanceOf(CatalogXml.Unreadable.class).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> CatalogXml.read(new byte[0])).isInstanceOf(CatalogXml.Unreadable.class).hasMessage("the file is empty");
    }

    @Test
    void refusesADoctypeSoNoEntityIsExpandedOrFetched() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Response [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<Response><CmdType>Catalog</CmdType><DeviceList Num=\"1\"><Item><DeviceID>&x;</DeviceID></Item></DeviceList></Response>";
        assertThatThrownBy(() -> CatalogXml.read(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CatalogXml.Unreadable.class)
                .hasMessageContaining("DOCTYPE is not allowed");
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>\n"
                + "<Response><CmdType>Catalog</CmdType><SN>&lol2;</SN></Response>";
        assertThatThrownBy(() -> CatalogXml.read(laughs.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CatalogXml.Unreadable.class)
                .hasMessageContaining("DOCTYPE is not allowed");
    }

    @Test
    void writesInTheDeclaredCharsetAndReadsBackTheSame() {
        CatalogItem item = new CatalogItem(0, "37070501011320000001", "西北角高点摄像机 <1号> & 𠀀", "RedWhistle", "camera", "松鹤园社区", "37070501",
                "奎文区广文街道松鹤园社区第一网格", "0", "37070500012000000001", "0", "1", "0", "ON", "119.1230000", "36.7080000");
        var catalog = new CatalogXml.Catalog("Response", "9", "37070500012000000001", 1, 1, List.of(item));
        byte[] gb = CatalogXml.write(catalog, GB2312);
        String head = new String(gb, 0, 60, StandardCharsets.US_ASCII);
        assertThat(head).startsWith("<?xml version=\"1.0\" encoding=\"GB2312\"?>");
        // 𠀀 is not in GB2312: written as a character reference, so it is not lost
        assertThat(new String(gb, GB2312)).contains("&#x20000;").contains("&lt;1号&gt; &amp;");
        CatalogXml.Catalog back = CatalogXml.read(gb);
        assertThat(back.items().get(0)).isEqualTo(new CatalogItem(back.items().get(0).line(), item.deviceId(), item.name(), item.manufacturer(),
                item.model(), item.owner(), item.civilCode(), item.address(), item.parental(), item.parentId(), item.safetyWay(),
                item.registerWay(), item.secrecy(), item.status(), item.longitude(), item.latitude()));
        assertThat(CatalogXml.read(CatalogXml.write(catalog, StandardCharsets.UTF_8)).items().get(0).name()).isEqualTo(item.name());
    }
}
