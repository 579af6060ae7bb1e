package org.linli.poll;

import org.junit.jupiter.api.Test;
import org.linli.community.ElectorateRoster.RosterHousehold;
import org.linli.community.ElectorateRoster.RosterMember;
import org.linli.community.MembershipRole;
import org.linli.poll.PollResult.Amount;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-worked legal examples. Each building's heads and areas are worked out in the comments from 司法解释 arts.
 * 8–9, and each result from 民法典 art. 278 with art. 1259 (以上 ≥, 过半数 >). The electorate comes from
 * {@link ElectorateBuilder}, the result from {@link Tally}: nothing here is computed the way the code computes it.
 */
class CountingRulesTest {

    static final Question MOTION = new Question(QuestionKind.APPROVAL, "是否同意更换物业公司", null, null, null, null)
            .normalised(0);
    static final int YES = 0, NO = 1, ABSTAIN = 2;

    /*
     * 1号楼, 8 flats, 6 owner heads of 100.00 m² each, 600.00 m² in all:
     *   101 (50.00) and 102 (50.00) both owned by A           → one head A, 100.00 (art. 9: one buyer of several units)
     *   201 (100.00) co-owned by B (OWNER) and C (CO_OWNER)   → one head BC, they share one ballot
     *   202 D, 301 E, 302 F (100.00 each)                     → heads D, E, F
     *   401 (50.00) and 402 (50.00) unsold, held by developer → one head DEV, 100.00 (art. 9)
     *   302 also has a tenant T: tenants do not vote in owners' polls.
     */
    static final long A = 1, B = 2, C = 3, D = 4, E = 5, F = 6, T = 7;

    static List<RosterHousehold> building1() {
        return List.of(h(11, "101", "50.00", false), h(12, "102", "50.00", false), h(21, "201", "100.00", false),
                h(22, "202", "100.00", false), h(31, "301", "100.00", false), h(32, "302", "100.00", false),
                h(41, "401", "50.00", true), h(42, "402", "50.00", true));
    }

    static List<RosterMember> owners1() {
        return List.of(m(11, A, MembershipRole.OWNER), m(12, A, MembershipRole.OWNER), m(21, B, MembershipRole.OWNER),
                m(21, C, MembershipRole.CO_OWNER), m(22, D, MembershipRole.OWNER), m(31, E, MembershipRole.OWNER),
                m(32, F, MembershipRole.OWNER), m(32, T, MembershipRole.TENANT));
    }

    @Test
    void headsFollowArticleNine() {
        List<ElectorateBuilder.Unit> all = ElectorateBuilder.build(Base.OWNERS, building1(), owners1());
        assertEquals(6, all.size(), "A, BC, D, E, F and the developer");
        assertEquals(new BigDecimal("600.00"), all.stream().map(ElectorateBuilder.Unit::area)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        Map<String, ElectorateBuilder.Unit> units = byVoter(all);
        assertEquals(new BigDecimal("100.00"), units.get("A").area(), "A's two flats: 50.00 + 50.00");
        assertEquals(units.get("B"), units.get("C"), "co-owners share one unit");
        assertFalse(units.containsKey("T"), "a tenant is no owner");
        ElectorateBuilder.Unit developer = ElectorateBuilder.build(Base.OWNERS, building1(), owners1()).stream()
                .filter(u -> u.kind().equals("DEVELOPER")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("100.00"), developer.area(), "401 + 402");
        assertTrue(developer.voters().isEmpty(), "the developer's ballot is entered on paper");
    }

    /*
     * 双过半 (OWNERS_ORDINARY). A, BC, D and DEV take part: 4 of 6 heads and 400.00 of 600.00 m², exactly 2/3 each,
     * which meets "≥ 2/3" (三分之二以上). A and BC agree, D disagrees, DEV abstains (takes part, does not agree):
     * 2 of 4 heads and 200.00 of 400.00 m², exactly 1/2, which is not "> 1/2" (过半数): FAILED.
     */
    @Test
    void ordinaryMatterExactlyHalfFails() {
        PollResult r = tally(Preset.OWNERS_ORDINARY, Map.of("A", YES, "BC", YES, "D", NO, "DEV", ABSTAIN));
        assertTrue(r.quorumMet());
        assertEquals("4 / 6", r.quorum().get(0).fraction());
        assertEquals("400.00 / 600.00", r.quorum().get(1).fraction());
        assertEquals("≥ 2/3", r.quorum().get(0).threshold());
        PollResult.QuestionResult q = r.questions().get(0);
        assertEquals(Outcome.FAILED, q.outcome());
        assertEquals("2 / 4", q.checks().get(0).fraction());
        assertEquals("200.00 / 400.00", q.checks().get(1).fraction());
        assertEquals("> 1/2", q.checks().get(0).threshold());
        assertFalse(q.checks().get(0).met());
    }

    /* Same, but D agrees: 3 of 4 heads, 300.00 of 400.00 m², both more than half: PASSED. */
    @Test
    void ordinaryMatterMoreThanHalfPasses() {
        PollResult r = tally(Preset.OWNERS_ORDINARY, Map.of("A", YES, "BC", YES, "D", YES, "DEV", ABSTAIN));
        assertEquals(Outcome.PASSED, r.questions().get(0).outcome());
    }

    /* Only A, BC and D take part: 3 of 6 heads (1/2), 300.00 of 600.00 m² (1/2), below 2/3: 未达法定参与比例. */
    @Test
    void ordinaryMatterBelowTwoThirdsIsQuorumNotMet() {
        PollResult r = tally(Preset.OWNERS_ORDINARY, Map.of("A", YES, "BC", YES, "D", YES));
        assertFalse(r.quorumMet());
        assertEquals(Outcome.QUORUM_NOT_MET, r.questions().get(0).outcome());
    }

    /*
     * 双四分之三 (OWNERS_MAJOR, e.g. 使用维修资金). A, BC, D, E take part (4/6 heads, 400.00/600.00 m², = 2/3, met).
     * A, BC, D agree, E abstains: 3/4 heads and 300.00/400.00 m², exactly 3/4, which meets "≥ 3/4" (四分之三以上).
     */
    @Test
    void majorMatterExactlyThreeQuartersPasses() {
        PollResult r = tally(Preset.OWNERS_MAJOR, Map.of("A", YES, "BC", YES, "D", YES, "E", ABSTAIN));
        assertEquals(Outcome.PASSED, r.questions().get(0).outcome());
        assertEquals("3 / 4", r.questions().get(0).checks().get(0).fraction());
        assertEquals("≥ 3/4", r.questions().get(0).checks().get(0).threshold());
    }

    /* The abstention is what makes it fail when D abstains too: 2/4 agree < 3/4. Abstaining is not agreeing. */
    @Test
    void majorMatterAbstentionsDoNotAgree() {
        PollResult r = tally(Preset.OWNERS_MAJOR, Map.of("A", YES, "BC", YES, "D", ABSTAIN, "E", ABSTAIN));
        assertTrue(r.quorumMet());
        assertEquals(Outcome.FAILED, r.questions().get(0).outcome());
    }

    /*
     * Heads without area. 2号楼: A owns 101 (200.00) and 102 (100.00) → one head of 300.00; B, C, D, E, F own one
     * flat of 100.00 each: 6 heads, 800.00 m². B, C, D, E take part: 4/6 heads meets 2/3, but 400.00/800.00 m²
     * = 1/2 does not: both are needed, so 未达法定参与比例 although every participant agrees.
     */
    @Test
    void headsAloneDoNotMakeTheQuorum() {
        List<RosterHousehold> hs = List.of(h(51, "101", "200.00", false), h(52, "102", "100.00", false),
                h(53, "201", "100.00", false), h(54, "202", "100.00", false), h(55, "301", "100.00", false),
                h(56, "302", "100.00", false), h(57, "401", "100.00", false));
        List<RosterMember> ms = List.of(m(51, A, MembershipRole.OWNER), m(52, A, MembershipRole.OWNER),
                m(53, B, MembershipRole.OWNER), m(54, C, MembershipRole.OWNER), m(55, D, MembershipRole.OWNER),
                m(56, E, MembershipRole.OWNER), m(57, F, MembershipRole.OWNER));
        List<ElectorateBuilder.Unit> units = ElectorateBuilder.build(Base.OWNERS, hs, ms);
        PollResult r = tally(Rule.of(Preset.OWNERS_ORDINARY, null, null), units,
                Map.of("B", YES, "C", YES, "D", YES, "E", YES));
        assertTrue(r.quorum().get(0).met(), "4/6 heads");
        assertFalse(r.quorum().get(1).met(), "400.00/800.00 m²");
        assertEquals(Outcome.QUORUM_NOT_MET, r.questions().get(0).outcome());
    }

    /*
     * 户代表 (PER_HOUSEHOLD, > 1/2 of 4 households take part, > 1/2 of participants agree). 4 households; two take
     * part: exactly 1/2, not more than half: 未达. Three take part, two agree: 3/4 > 1/2 and 2/3 > 1/2: PASSED.
     * (Which member's ballot counts for a household is decided by the ballot box: see PollBallotTest.)
     */
    @Test
    void perHousehold() {
        List<RosterHousehold> hs = List.of(h(61, "101", "80.00", false), h(62, "102", "80.00", false),
                h(63, "201", "80.00", false), h(64, "202", "80.00", false));
        List<RosterMember> ms = List.of(m(61, A, MembershipRole.FAMILY), m(61, B, MembershipRole.OWNER),
                m(62, C, MembershipRole.TENANT), m(63, D, MembershipRole.OWNER), m(64, E, MembershipRole.OWNER));
        List<ElectorateBuilder.Unit> units = ElectorateBuilder.build(Base.HOUSEHOLDS, hs, ms);
        assertEquals(4, units.size());
        Rule rule = new Rule(Base.HOUSEHOLDS, Threshold.moreThan(1, 2), Threshold.moreThan(1, 2));
        assertEquals(Outcome.QUORUM_NOT_MET, tally(rule, units, Map.of("A", YES, "C", YES)).questions().get(0).outcome());
        assertEquals(Outcome.PASSED,
                tally(rule, units, Map.of("A", YES, "C", YES, "D", NO)).questions().get(0).outcome());
    }

    /*
     * 居民会议 (PER_RESIDENT): 5 verified members (A and B in 101, C in 102, D and E in 201), one unit each. Three take
     * part (3/5 > 1/2); A agrees, B disagrees, C abstains: 1/3 is not more than half: FAILED. With B agreeing, 2/3:
     * PASSED.
     */
    @Test
    void perResident() {
        List<RosterHousehold> hs = List.of(h(71, "101", "80.00", false), h(72, "102", "80.00", false),
                h(73, "201", "80.00", false));
        List<RosterMember> ms = List.of(m(71, A, MembershipRole.OWNER), m(71, B, MembershipRole.FAMILY),
                m(72, C, MembershipRole.TENANT), m(73, D, MembershipRole.OWNER), m(73, E, MembershipRole.FAMILY));
        List<ElectorateBuilder.Unit> units = ElectorateBuilder.build(Base.RESIDENTS, hs, ms);
        assertEquals(5, units.size());
        Rule rule = new Rule(Base.RESIDENTS, Threshold.moreThan(1, 2), Threshold.moreThan(1, 2));
        assertEquals(Outcome.FAILED,
                tally(rule, units, Map.of("A", YES, "B", NO, "C", ABSTAIN)).questions().get(0).outcome());
        assertEquals(Outcome.PASSED,
                tally(rule, units, Map.of("A", YES, "B", YES, "C", ABSTAIN)).questions().get(0).outcome());
    }

    /*
     * CUSTOM over owners, quorum "> 1/2", pass "≥ 2/3" on 1号楼: A, BC, D, E take part (4/6 > 1/2, 400/600 > 1/2);
     * A, BC agree: 2/4 < 2/3: FAILED; A, BC, D agree: 3/4 ≥ 2/3: PASSED.
     */
    @Test
    void customRule() {
        Rule rule = new PollDraft.CustomRule(Base.OWNERS, ">1/2", "≥2/3").rule();
        List<ElectorateBuilder.Unit> units = ElectorateBuilder.build(Base.OWNERS, building1(), owners1());
        assertEquals(Outcome.FAILED, tally(rule, units, Map.of("A", YES, "BC", YES, "D", NO, "E", NO))
                .questions().get(0).outcome());
        assertEquals(Outcome.PASSED, tally(rule, units, Map.of("A", YES, "BC", YES, "D", YES, "E", NO))
                .questions().get(0).outcome());
    }

    @Test
    void thresholdsCompareExactly() {
        assertTrue(Threshold.parse("≥2/3").metBy(new BigDecimal("400.00"), new BigDecimal("600.00")));
        assertFalse(Threshold.parse(">2/3").metBy(new BigDecimal("400.00"), new BigDecimal("600.00")));
        // 0.6666666667 would round up in floating point; exact arithmetic keeps it below 2/3.
        assertFalse(Threshold.parse("≥2/3").metBy(new BigDecimal("66666.66"), new BigDecimal("100000.00")));
        assertFalse(Threshold.atLeast(1, 2).metBy(0, 0), "nobody eligible meets nothing");
    }

    /*
     * 选举, 2 seats, 5 ballots. 甲 4, 乙 3, 丙 3: all three have more than half (3/5 > 1/2); 甲 is elected, 乙 and 丙
     * tie for the last seat: 需另行选举, never broken silently. 甲 4, 乙 2, 丙 1: only 甲 has more than half; one
     * seat stays empty: 需另行选举 for it.
     */
    @Test
    void electionTiesAndShortfalls() {
        Question election = new Question(QuestionKind.ELECTION, "选举业委会委员", List.of("甲", "乙", "丙"), null, null, 2)
                .normalised(0);
        PollResult tie = election(election, List.of(List.of(0, 1), List.of(0, 2), List.of(0, 1), List.of(0, 2),
                List.of(1, 2)));
        assertEquals(Outcome.RUNOFF_NEEDED, tie.questions().get(0).outcome());
        assertEquals(List.of("甲"), tie.questions().get(0).elected());
        assertEquals(List.of("乙", "丙"), tie.questions().get(0).runoff());
        PollResult shortfall = election(election, List.of(List.of(0, 1), List.of(0, 1), List.of(0, 2), List.of(0),
                List.of()));
        assertEquals(Outcome.RUNOFF_NEEDED, shortfall.questions().get(0).outcome());
        assertEquals(List.of("甲"), shortfall.questions().get(0).elected());
        PollResult clear = election(election, List.of(List.of(0, 1), List.of(0, 1), List.of(0, 1), List.of(2),
                List.of(2)));
        assertEquals(Outcome.ELECTED, clear.questions().get(0).outcome());
        assertEquals(List.of("甲", "乙"), clear.questions().get(0).elected());
    }

    /*
     * 居民会议 of 7 residents (城市居民委员会组织法 arts. 9–10: more than half present, decided by more than half of
     * those present). 4 check in at the meeting; 3 of them vote, 2 yes and 1 no; the fourth votes nothing.
     * Present 4 of 7 (> 1/2): the meeting may decide. Yes 2 of the 4 present, exactly 1/2, not > 1/2: FAILED.
     * Counted by ballots alone the same votes would read 3 of 7 taking part: 未达法定参与比例.
     */
    @Test
    void residentsMeetingCountsThosePresentNotOnlyThoseWhoVoted() {
        Rule rule = new Rule(Base.RESIDENTS, Threshold.moreThan(1, 2), Threshold.moreThan(1, 2)); // the defaults
        List<Tally.CountedBallot> ballots = List.of(ballot(YES), ballot(YES), ballot(NO));
        Amount seven = new Amount(7, new BigDecimal("0.00"));
        Amount voted = new Amount(3, new BigDecimal("0.00"));
        Amount present = new Amount(4, new BigDecimal("0.00"));

        PollResult atMeeting = Tally.count(new Tally.Input(rule, List.of(MOTION), seven, voted,
                Tally.totals(List.of(MOTION), ballots), new PollResult.Present(List.of("居民会议"), present)));
        assertTrue(atMeeting.quorumMet());
        assertEquals("presence.heads", atMeeting.quorum().get(0).name());
        assertEquals("4 / 7", atMeeting.quorum().get(0).fraction());
        assertEquals(Outcome.FAILED, atMeeting.questions().get(0).outcome());
        assertEquals("2 / 4", atMeeting.questions().get(0).checks().get(0).fraction());
        assertEquals("同意人数 / 出席人数", atMeeting.questions().get(0).checks().get(0).label());

        PollResult byBallots = Tally.count(new Tally.Input(rule, List.of(MOTION), seven, voted,
                Tally.totals(List.of(MOTION), ballots)));
        assertFalse(byBallots.quorumMet());
        assertEquals("3 / 7", byBallots.quorum().get(0).fraction());
    }

    private static Tally.CountedBallot ballot(int choice) {
        return new Tally.CountedBallot(new BigDecimal("0.00"), List.of(List.of(choice)));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static PollResult election(Question q, List<List<Integer>> ballots) {
        List<Tally.CountedBallot> counted = ballots.stream()
                .map(b -> new Tally.CountedBallot(new BigDecimal("0.00"), List.of(b))).toList();
        Amount participating = new Amount(ballots.size(), new BigDecimal("0.00"));
        Rule rule = new Rule(Base.RESIDENTS, Threshold.moreThan(1, 2), Threshold.moreThan(1, 2));
        return Tally.count(new Tally.Input(rule, List.of(q), new Amount(6, new BigDecimal("0.00")), participating,
                Tally.totals(List.of(q), counted)));
    }

    private static PollResult tally(Preset preset, Map<String, Integer> choices) {
        return tally(Rule.of(preset, null, null), ElectorateBuilder.build(Base.OWNERS, building1(), owners1()), choices);
    }

    /** Ballots by voter letter ("BC" and "DEV" name the shared units); each unit once. */
    private static PollResult tally(Rule rule, List<ElectorateBuilder.Unit> units, Map<String, Integer> choices) {
        Map<String, ElectorateBuilder.Unit> byName = byVoter(units);
        units.stream().filter(u -> u.kind().equals("DEVELOPER")).forEach(u -> byName.put("DEV", u));
        if (byName.containsKey("B")) {
            byName.put("BC", byName.get("B"));
        }
        BigDecimal eligibleArea = units.stream().map(ElectorateBuilder.Unit::area).reduce(BigDecimal.ZERO.setScale(2),
                BigDecimal::add);
        List<Tally.CountedBallot> ballots = new ArrayList<>();
        Amount participating = Amount.ZERO;
        for (var c : choices.entrySet()) {
            ElectorateBuilder.Unit u = byName.get(c.getKey());
            ballots.add(new Tally.CountedBallot(u.area(), List.of(List.of(c.getValue()))));
            participating = participating.plus(u.area());
        }
        return Tally.count(new Tally.Input(rule, List.of(MOTION), new Amount(units.size(), eligibleArea),
                participating, Tally.totals(List.of(MOTION), ballots)));
    }

    private static Map<String, ElectorateBuilder.Unit> byVoter(List<ElectorateBuilder.Unit> units) {
        String[] names = {"?", "A", "B", "C", "D", "E", "F", "T"};
        Map<String, ElectorateBuilder.Unit> map = new HashMap<>();
        for (ElectorateBuilder.Unit u : units) {
            u.voters().keySet().forEach(r -> map.put(names[r.intValue()], u));
        }
        return map;
    }

    private static RosterHousehold h(long id, String room, String area, boolean developer) {
        return new RosterHousehold(id, 1, 1L, "1号楼/1单元/" + room, new BigDecimal(area), "REGISTRY", null, developer,
                "1号楼", "1单元", room);
    }

    private static RosterMember m(long household, long resident, MembershipRole role) {
        return new RosterMember(household, resident, role);
    }
}
