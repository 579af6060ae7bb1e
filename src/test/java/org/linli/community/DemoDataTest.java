package org.linli.community;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** With linli.demo-data=true a newcomer finds a whole community: grids, buildings, households, residents, staff. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@TestProfile(DemoDataTest.WithDemoData.class)
class DemoDataTest {

    public static class WithDemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linli.demo-data", "true");
        }
    }

    @Test
    void demoCommunityIsSeededWithStaffOfEveryRole() {
        String committee = Api.staffToken("zhuren", "linli-demo-2026");
        List<Integer> ids = Api.as(committee).get("/api/v1/communities").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].code", equalTo("XFL")).extract().path("id");
        long id = ids.get(0);
        Api.as(committee).get("/api/v1/communities/" + id).then().statusCode(200)
                .body("grids", equalTo(2)).body("buildings", equalTo(4))
                .body("households", equalTo(120)).body("verifiedResidents", equalTo(40));
        Api.as(committee).get("/api/v1/communities/" + id + "/staff").then().statusCode(200).body("$", hasSize(5));
        for (String user : List.of("wangge1", "wangge2", "louzhang1", "shequ-admin")) {
            Api.as(Api.staffToken(user, "linli-demo-2026")).get("/api/v1/communities/" + id).then().statusCode(200);
        }
        Api.as(committee).get("/api/v1/communities/" + id + "/grids").then().statusCode(200)
                .body("workerStaffId.findAll { it != null }", hasSize(2));
    }
}
