package org.linli.community;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    private static List<List<String>> fields(String text) {
        return Csv.parse(text).stream().map(Csv.Record::fields).toList();
    }

    @Test
    void splitsRecordsOnCrlfLfAndLoneCr() {
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", "h")),
                fields("a,b\r\nc,d\ne,f\rg,h"));
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        assertEquals(List.of(List.of("1号楼, 东", "他说\"好\"", "第一行\n第二行", "x")),
                fields("\"1号楼, 东\",\"他说\"\"好\"\"\",\"第一行\r\n第二行\",x\r\n"));
    }

    @Test
    void keepsEmptyFieldsAndBlankLines() {
        assertEquals(List.of(List.of("a", "", ""), List.of(""), List.of("", "b")), fields("a,\"\",\n\n,b\n"));
        assertTrue(Csv.parse("").isEmpty());
        assertTrue(Csv.parse("\n").get(0).isBlank());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() {
        assertEquals(List.of(List.of("5\"6", "b")), fields("5\"6,b"));
    }

    @Test
    void unclosedQuoteReportsTheLineItOpenedOn() {
        Csv.Malformed e = assertThrows(Csv.Malformed.class, () -> Csv.parse("a,b\nc,\"d\ne,f\n"));
        assertEquals(2, e.line);
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        Csv.Malformed e = assertThrows(Csv.Malformed.class, () -> Csv.parse("a,b\n\"c\"d,e\n"));
        assertEquals(2, e.line);
        assertEquals(List.of(List.of("c", "d")), fields("\"c\"  ,d"));
    }
}
