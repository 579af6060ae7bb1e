package org.linli.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the 议事表决 pages, in Chinese; templates use {@code {pmsg:key}}. A bundle of its own because one
 * bundle of some 300 messages makes Quarkus generate a resolver the JVM refuses (VerifyError).
 */
@MessageBundle(value = "pmsg", locale = "zh-CN")
public interface PollMessages {

    @Message("议事表决")
    String polls_title();

    @Message("新建表决")
    String poll_new();

    @Message("{#when preset}{#is 'PER_RESIDENT'}居民会议（按人）{#is 'PER_HOUSEHOLD'}户代表（按户）"
            + "{#is 'OWNERS_ORDINARY'}业主共同决定·一般事项（双过半）{#is 'OWNERS_MAJOR'}业主共同决定·重大事项（双四分之三）"
            + "{#else}自定义规则{/when}")
    String preset_name(String preset);

    @Message("{#when preset}{#is 'PER_RESIDENT'}范围内每位已认证的成年居民一票；过半数居民参加有效，参加者过半数同意通过。"
            + "{#is 'PER_HOUSEHOLD'}每户一票，户内任一已认证成员可投，先投的一票有效（指定了户代表的以户代表的票为准）；过半数户参加有效，参加户过半数同意通过。"
            + "{#is 'OWNERS_ORDINARY'}按业主人数和专有部分面积双重计算（民法典第二百七十八条）：参与表决的面积和人数均达三分之二以上，"
            + "且参与表决面积和人数均过半数同意通过。"
            + "{#is 'OWNERS_MAJOR'}适用于筹集或使用维修资金、改建重建建筑物、改变共有部分用途等（民法典第二百七十八条第六至八项）："
            + "参与表决的面积和人数均达三分之二以上，且参与表决面积和人数均四分之三以上同意通过。"
            + "{#else}由工作人员通过接口设定计票基础和比例。{/when}")
    String preset_explained(String preset);

    @Message("{#when kind}{#is 'COMMUNITY'}全社区{#is 'GRIDS'}{count} 个网格{#is 'BUILDINGS'}{count} 栋楼"
            + "{#else}{count} 个单元{/when}")
    String scope_kind(String kind, int count);

    @Message("{#when visibility}{#is 'LIVE'}实时公开{#is 'AFTER_VOTE'}投票后可见{#else}结束后公开{/when}")
    String visibility(String visibility);

    @Message("{#when outcome}{#is 'PASSED'}通过{#is 'FAILED'}未通过{#is 'QUORUM_NOT_MET'}未达法定参与比例"
            + "{#is 'COUNTED'}已计票{#is 'ELECTED'}当选已产生{#is 'RUNOFF_NEEDED'}需另行选举{#else}{outcome}{/when}")
    String outcome(String outcome);

    @Message("{heads} 票 · 面积 {area} ㎡")
    String poll_amount(long heads, String area);

    @Message("纸质票已录入。")
    String poll_ballot_entered();

    @Message("背景说明")
    String poll_background();

    @Message("表决范围")
    String poll_scope();

    @Message("表决规则")
    String poll_preset();

    @Message("问题 {n}")
    String poll_question(int n);

    @Message("题型")
    String poll_kind();

    @Message("{#when kind}{#is 'APPROVAL'}表决（同意/反对/弃权）{#is 'SINGLE'}单选{#is 'MULTIPLE'}多选{#else}选举{/when}")
    String question_kind(String kind);

    @Message("选项或候选人（每行一个；表决题不用填）")
    String poll_options();

    @Message("开始时间")
    String poll_open_at();

    @Message("结束时间")
    String poll_close_at();

    @Message("无记名投票（开启后不能关闭）")
    String poll_secret();

    @Message("结果何时可见")
    String poll_visibility();

    @Message("公告期天数（留空用默认值）")
    String poll_notice_days();

    @Message("缩短公告期的理由")
    String poll_waiver();

    @Message("创建草稿")
    String poll_create();

    @Message("发布公告")
    String poll_announce();

    @Message("立即开始投票")
    String poll_open();

    @Message("结束投票")
    String poll_close();

    @Message("提前结束的理由")
    String poll_close_reason();

    @Message("结果说明（公示时一并发布）")
    String poll_outcome();

    @Message("保存说明")
    String poll_outcome_save();

    @Message("公示结果")
    String poll_publish();

    @Message("公示至 {until}")
    String poll_publicity_until(String until);

    @Message("各楼栋投票情况")
    String poll_turnout();

    @Message("已投 {voted} / {households} 户")
    String poll_turnout_line(long voted, long households);

    @Message("合计：已投 {voted} / {households} 户")
    String poll_turnout_total(long voted, long households);

    @Message("尚未投票（{count}）")
    String poll_not_voted(int count);

    @Message("录入纸质票 / 入户 / 委托投票")
    String poll_paper();

    @Message("投票单位")
    String poll_unit();

    @Message("方式")
    String poll_channel();

    @Message("{#when channel}{#is 'ONLINE'}线上投票{#is 'PAPER'}纸质表决票{#is 'DOOR'}入户投票{#is 'PROXY'}委托投票{#else}{channel}{/when}")
    String channel(String channel);

    @Message("签署时间（留空为现在）")
    String poll_signed_at();

    @Message("受托人（委托投票时填写）")
    String poll_proxy_holder();

    @Message("签字表决票或授权委托书照片（JPG/PNG，5 MB 以内）")
    String poll_photo();

    @Message("录入")
    String poll_enter();

    @Message("表决结果")
    String poll_result();

    @Message("应参与")
    String poll_eligible();

    @Message("实际参与")
    String poll_participating();

    @Message("出席 {heads}（{meetings} 签到或已表决）")
    String poll_present(long heads, String meetings);

    @Message("达到法定参与比例")
    String poll_quorum_met();

    @Message("未达到法定参与比例")
    String poll_quorum_not_met();

    @Message("结果尚未公开（按本表决的设置）。")
    String poll_result_hidden();

    @Message("票链头")
    String poll_chain_head();

    @Message("满足")
    String met();

    @Message("不满足")
    String not_met();

    @Message("冻结的选民名册")
    String poll_electorate();

    @Message("下载选民名册")
    String poll_electorate_download();

    @Message("投票单位")
    String col_unit_label();

    @Message("类型")
    String col_head_kind();

    @Message("面积（㎡）")
    String col_area();

    @Message("面积来源")
    String col_area_sources();

    @Message("可在线投票人数")
    String col_online_voters();

    @Message("已投票")
    String col_voted();

    @Message("补录原因")
    String col_late_reason();

    @Message("跨渠道重复投票（未计入的一票）")
    String poll_conflicts();

    @Message("{#when rule}{#is 'EARLIER'}先投先计（以投票或签署时间在前者为准）{#is 'PAPER'}纸质票优先{#is 'ONLINE'}线上票优先{#else}{rule}{/when}")
    String conflict_rule(String rule);

    @Message("未投票")
    String poll_units_waiting();

    @Message("已投票")
    String poll_units_voted();

    @Message("已投票的户送来签字的纸质票时也可录入：同一户只计一票，按本表决的规则“{rule}”决定计入哪一票，另一票列入下方的跨渠道重复投票记录。")
    String poll_units_help(String rule);

    @Message("{unit}：计入{counted}，未计入{setAside}（{at}，规则：{rule}）")
    String poll_conflict_line(String unit, String counted, String setAside, String at, String rule);
}
