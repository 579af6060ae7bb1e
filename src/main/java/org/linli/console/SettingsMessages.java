package org.linli.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The texts of the 说事 settings page, in Chinese; templates use {@code {smsg:key}} (see {@link PollMessages}). */
@MessageBundle(value = "smsg", locale = "zh-CN")
public interface SettingsMessages {

    @Message("本社区的说事类别、时限和敏感词由社区管理员或居委会成员在此设置；节假日安排、评价期限和举报隐藏由运维人员在部署配置中设定。")
    String settings_help();

    @Message("各类别的受理与办结时限")
    String settings_clocks();

    @Message("h 为小时，d 为自然日，wd 为工作日（按下方节假日安排计算）。")
    String settings_units();

    @Message("紧急·受理")
    String settings_accept_urgent();

    @Message("一般·受理")
    String settings_accept_normal();

    @Message("紧急·办结")
    String settings_resolve_urgent();

    @Message("一般·办结")
    String settings_resolve_normal();

    @Message("复杂·办结")
    String settings_resolve_complex();

    @Message("建议关键词")
    String settings_keywords();

    @Message("居民没有选类别时，说事内容含有哪一类的关键词最多就建议哪一类。词之间用顿号或逗号分隔，每类最多 50 个，每个不超过 20 个字。")
    String settings_keywords_help();

    @Message("节假日安排")
    String settings_holidays();

    @Message("来源：{source}；放假 {off} 天，调休上班 {worked} 天。")
    String settings_holidays_line(String source, long off, long worked);

    @Message("其他")
    String settings_other();

    @Message("办结后 {days} 天内可以评价，逾期未评价按“未评价”关闭，不计为满意。")
    String settings_rating_days(int days);

    @Message("一条说事或评论被 {n} 位居民举报后自动隐藏，等待工作人员审核。")
    String settings_reports(int n);

    @Message("说事类别")
    String settings_categories();

    @Message("每行一个，最多 20 个，每个不超过 10 个字；居民按此顺序选择。删去的类别不影响已有的说事，新增的类别先采用默认时限。")
    String settings_categories_help();

    @Message("默认为紧急的类别")
    String settings_urgent();

    @Message("每行一个，须是上面的类别之一；居民也可以自己标为紧急。")
    String settings_urgent_help();

    @Message("直接拒绝的词")
    String settings_refused();

    @Message("先交工作人员审核的词")
    String settings_review();

    @Message("每行一个，最多 200 个，每个不超过 20 个字；居民的说事和评论含有这些词时被拒绝或先交工作人员审核。")
    String settings_words_help();

    @Message("保存设置")
    String settings_save();

    @Message("已保存。本社区的新说事即按新规则执行（在其他服务器上最迟 30 秒内生效）。")
    String settings_saved();

    @Message("最近由 {name} 于 {at} 修改。")
    String settings_by(String name, String at);

    @Message("本社区尚未自定义，以下为系统默认值。")
    String settings_defaults();

    @Message("只有社区管理员或居委会成员可以修改这些设置。")
    String settings_readonly();

    @Message("已列入的年份：{#each years}{it}{#if it_hasNext}、{/if}{/each}。")
    String settings_holiday_years(java.util.List<Integer> years);

    @Message("上传节假日安排")
    String settings_holiday_upload();

    @Message("仅平台管理员可上传，对所有社区生效。UTF-8 文本，每行“yyyy-MM-dd off|work 说明”（off 为放假，work 为调休上班），不超过 64 KB；"
            + "文件中出现的年份整体替换原有安排，其他年份保持不变。")
    String settings_holiday_help();

    @Message("上传")
    String settings_holiday_submit();
}
