package org.linli.community;

import org.junit.jupiter.api.Test;
import org.linli.common.Problem;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RosterReaderTest {

    private final PhoneNumbers phones = new PhoneNumbers("test-key");

    private List<RosterRow> read(String csv) {
        return RosterReader.read(csv.getBytes(StandardCharsets.UTF_8), phones);
    }

    @Test
    void findsTheHeaderBelowATitleLineAndToleratesUnitsInHeaderAndCells() {
        List<RosterRow> rows = read("""
                幸福里小区业主名册（2025年）,,,,,
                楼栋,单元,房号,面积（㎡）,业主姓名,手机号
                １号楼,１单元,１０１,89.5㎡,张三,+86 138 1234 5678
                """);
        RosterRow row = rows.get(0);
        assertEquals(3, row.row());
        assertEquals("1号楼", row.building());
        assertEquals("101", row.room());
        assertEquals(new BigDecimal("89.50"), row.area());
        assertEquals(AreaSource.REGISTRY, row.areaSource());
        assertEquals("138****5678", row.phoneMasked());
        assertEquals(phones.hash("13812345678"), row.phoneHash());
        assertNull(row.grid());
    }

    @Test
    void gbkAndUtf8OfTheSameTextReadTheSame() {
        String csv = "楼栋,单元,房号,面积,面积来源,业主姓名,电话,网格\n2号楼,3单元,502,101.25,购房合同,欧阳娜娜,,东区\n";
        List<RosterRow> fromGbk = RosterReader.read(csv.getBytes(Charset.forName("GBK")), phones);
        assertEquals(read(csv), fromGbk);
        assertEquals(AreaSource.CONTRACT, fromGbk.get(0).areaSource());
        assertEquals("欧阳娜娜", fromGbk.get(0).ownerName());
    }

    @Test
    void phoneHashIsKeyed() {
        PhoneNumbers otherKey = new PhoneNumbers("another-key");
        assertEquals(64, phones.hash("13812345678").length());
        assertNotEquals(phones.hash("13812345678"), otherKey.hash("13812345678"));
    }

    @Test
    void rejectsLandlinesAndShortNumbersButAcceptsBlank() {
        assertEquals(List.of("ROSTER_ROW_PHONE", "ROSTER_ROW_PHONE"), codes("""
                楼栋,单元,房号,面积,业主姓名,电话
                1,1,101,80,甲,010-12345678
                1,1,102,80,乙,1381234567
                1,1,103,80,丙,
                """));
    }

    @Test
    void overlongNamesAndUnknownAreaSourcesAreRowErrors() {
        assertEquals(List.of("ROSTER_ROW_TOO_LONG", "ROSTER_ROW_TOO_LONG", "ROSTER_ROW_AREA_SOURCE"), codes(
                "楼栋,单元,房号,面积,面积来源,业主姓名,电话\n"
                        + "1,1,101,80,," + "名".repeat(65) + ",\n"
                        + "1,1," + "9".repeat(17) + ",80,,甲,\n"
                        + "1,1,103,80,估算,乙,\n"));
    }

    @Test
    void oneBuildingInTwoGridsIsARowError() {
        assertEquals(List.of("ROSTER_ROW_GRID"), codes("""
                楼栋,单元,房号,面积,业主姓名,电话,网格
                1号楼,1,101,80,甲,,一网格
                1号楼,1,102,80,乙,,二网格
                1号楼,1,103,80,丙,,
                """));
    }

    private List<String> codes(String csv) {
        Problem p = assertThrows(Problem.class, () -> read(csv));
        assertEquals(422, p.status());
        return p.errors().stream().map(e -> (String) e.get("code")).toList();
    }
}
