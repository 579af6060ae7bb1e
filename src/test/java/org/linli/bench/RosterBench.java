package org.linli.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.Residents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * Time of a 20,000-row roster import (the default row limit) over HTTP: a first import into an empty community (all
 * rows create a household and an owner slot), then the same file again (all rows unchanged). Not a test: skipped
 * without {@code -Dbench}; figures go to docs/benchmarks.md.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class RosterBench {

    static final int ROWS = Integer.getInteger("bench.rows", 20_000);
    static final int RUNS = Integer.getInteger("bench.runs", 3);

    static byte[] roster(int rows) {
        StringBuilder csv = new StringBuilder("楼栋,单元,房号,面积,业主姓名,电话,网格\n");
        for (int i = 0; i < rows; i++) {
            String phone = i % 2 == 0 ? String.format("139%08d", i) : "";
            csv.append(i % 20 + 1).append("号楼,").append(i / 20 % 4 + 1).append("单元,").append(i / 80 + 101)
                    .append(",").append(60 + i % 90).append(".5,业主").append(i).append(",").append(phone)
                    .append(",第").append(i % 20 / 5 + 1).append("网格\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void importTwentyThousandRows() {
        byte[] file = roster(ROWS);
        String admin = Api.adminToken();
        List<String> lines = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long community = Api.newCommunity(admin);
            String committee = Residents.staff(admin, community, "COMMITTEE").token();
            long first = time(committee, community, file);
            long again = time(committee, community, file);
            lines.add(String.format("run %d: first import %d ms, same file again %d ms", run + 1, first, again));
        }
        System.out.println("RosterBench " + ROWS + " rows:\n" + String.join("\n", lines));
    }

    private static long time(String token, long community, byte[] file) {
        long started = System.nanoTime();
        given().header("Authorization", "Bearer " + token).contentType("text/csv").body(file)
                .post("/api/v1/communities/" + community + "/roster").then().statusCode(200);
        return (System.nanoTime() - started) / 1_000_000;
    }
}
