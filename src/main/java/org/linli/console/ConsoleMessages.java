package org.linli.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text of the console, in Chinese (the bundle's default locale); templates use {@code {msg:key}}. Problem
 * details still come from messages/problems.properties.
 */
@MessageBundle(value = "msg", locale = "zh-CN")
public interface ConsoleMessages {

    @Message("邻里说事 · 居委会工作台")
    String app_name();

    @Message("跳到正文")
    String skip_to_content();

    @Message("主导航")
    String nav_label();

    @Message("工作台")
    String nav_dashboard();

    @Message("房屋")
    String nav_households();

    @Message("名册导入")
    String nav_roster();

    @Message("绑定审核")
    String nav_memberships();

    @Message("邀请卡")
    String nav_invites();

    @Message("通知公告")
    String nav_notices();

    @Message("工作人员")
    String nav_staff();

    @Message("投递失败")
    String nav_dead_letters();

    @Message("切换社区")
    String nav_communities();

    @Message("退出登录")
    String logout();

    @Message("当前用户：{name}")
    String logged_in_as(String name);

    // --- login
    @Message("登录工作台")
    String login_title();

    @Message("用户名")
    String login_username();

    @Message("密码")
    String login_password();

    @Message("登录")
    String login_submit();

    @Message("已退出登录。")
    String logged_out();

    // --- communities and dashboard
    @Message("选择社区")
    String communities_title();

    @Message("您还没有任何社区的权限，请联系社区管理员。")
    String communities_none();

    @Message("待审核的绑定申请")
    String dash_pending_claims();

    @Message("推送健康")
    String dash_push_health();

    @Message("投递失败（待处理）")
    String dash_dead_letters();

    @Message("暂停中的渠道")
    String dash_paused_channels();

    @Message("无")
    String none();

    @Message("{channel}，暂停至 {until}")
    String dash_paused_until(String channel, String until);

    @Message("房屋总数")
    String dash_households();

    @Message("已认证居民")
    String dash_verified_residents();

    @Message("去审核")
    String dash_review();

    @Message("去处理")
    String dash_handle();

    // --- households
    @Message("楼栋")
    String col_building();

    @Message("单元")
    String col_unit();

    @Message("房号")
    String col_room();

    @Message("面积（㎡）")
    String col_area();

    @Message("已认证")
    String col_verified();

    @Message("待审核")
    String col_pending();

    @Message("全部楼栋")
    String all_buildings();

    @Message("筛选")
    String filter();

    @Message("导出 Excel")
    String export_xlsx();

    @Message("导出 CSV")
    String export_csv();

    @Message("共 {total} 户，第 {page} / {pages} 页")
    String pager(long total, int page, long pages);

    @Message("上一页")
    String prev_page();

    @Message("下一页")
    String next_page();

    @Message("分页")
    String pagination();

    @Message("没有符合条件的记录。")
    String empty();

    // --- roster
    @Message("导入业主名册")
    String roster_title();

    @Message("支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK）。必需列：楼栋、单元、房号、面积、业主姓名、电话；可选：面积来源、网格。任一行有问题时整份名册都不导入。")
    String roster_help();

    @Message("名册文件")
    String roster_file();

    @Message("只检查，不导入")
    String roster_dry_run();

    @Message("上传")
    String roster_submit();

    @Message("共 {rows} 行：新建 {created} 户，更新 {updated} 户，未变 {unchanged} 户，新建业主 {owners} 人。")
    String roster_done(int rows, int created, int updated, int unchanged, int owners);

    @Message("检查通过（未写入）：")
    String roster_dry_run_ok();

    @Message("导入完成：")
    String roster_imported();

    @Message("行")
    String col_row();

    @Message("列")
    String col_column();

    @Message("问题")
    String col_problem();

    @Message("请按下表修改后重新上传：")
    String roster_fix();

    // --- memberships
    @Message("居民绑定审核")
    String memberships_title();

    @Message("申请人")
    String col_claimant();

    @Message("电话")
    String col_phone();

    @Message("身份")
    String col_role();

    @Message("申请时间")
    String col_created();

    @Message("操作")
    String col_actions();

    @Message("通过")
    String approve();

    @Message("驳回")
    String reject();

    @Message("已通过")
    String approved();

    @Message("已驳回")
    String rejected();

    // --- invites
    @Message("邀请卡")
    String invites_title();

    @Message("为所选楼栋的每户生成新的邀请码（旧码作废），打印成 A4 卡片。居民用微信扫描卡片上的二维码即可申请绑定。")
    String invites_help();

    @Message("生成并打印")
    String invites_issue();

    @Message("打印")
    String print();

    @Message("邀请码")
    String invite_code();

    @Message("微信扫码绑定房屋，或在公众号发送“绑定”后输入邀请码。有效期至 {until}。")
    String invite_card_hint(String until);

    @Message("{building}的邀请卡")
    String invites_sheet_title(String building);

    // --- notices
    @Message("通知公告")
    String notices_title();

    @Message("发布新通知")
    String notice_new();

    @Message("标题")
    String notice_title_label();

    @Message("正文")
    String notice_body();

    @Message("格式")
    String notice_format();

    @Message("纯文本")
    String format_plain();

    @Message("Markdown（# 标题、- 列表、**加粗**、[链接](https://…)）")
    String format_markdown();

    @Message("分类")
    String notice_category();

    @Message("紧急")
    String notice_urgent();

    @Message("需要居民确认已读")
    String notice_requires_ack();

    @Message("范围")
    String notice_scope();

    @Message("全社区")
    String scope_community();

    @Message("按网格")
    String scope_grids();

    @Message("按楼栋")
    String scope_buildings();

    @Message("网格")
    String grids();

    @Message("发布时间（留空为立即发布）")
    String notice_publish_at();

    @Message("截止时间（可不填）")
    String notice_expires_at();

    @Message("预览")
    String preview();

    @Message("发布")
    String publish();

    @Message("状态")
    String col_status();

    @Message("发布时间")
    String col_publish_at();

    @Message("户数")
    String col_households();

    @Message("版本")
    String col_version();

    @Message("阅读统计")
    String notice_stats();

    @Message("覆盖户数")
    String stat_households();

    @Message("居民人数")
    String stat_residents();

    @Message("已读人数")
    String stat_read();

    @Message("已确认人数")
    String stat_acked();

    @Message("未读户数")
    String stat_unread();

    @Message("已送达")
    String stat_delivered();

    @Message("待发送")
    String stat_pending();

    @Message("发送失败")
    String stat_failed();

    @Message("未读房屋")
    String notice_unread();

    @Message("住户数")
    String col_residents();

    @Message("历史版本")
    String notice_versions();

    @Message("修改时间")
    String col_edited_at();

    @Message("撤回")
    String withdraw();

    @Message("确定撤回这条通知吗？居民将看不到它，未发送的提醒也会取消。")
    String withdraw_confirm();

    @Message("通知已发布，正在提醒 {recipients} 位居民。")
    String notice_published(String recipients);

    // --- staff
    @Message("工作人员与权限")
    String staff_title();

    @Message("姓名")
    String col_name();

    @Message("角色")
    String col_grant();

    @Message("添加工作人员")
    String staff_add();

    @Message("初始密码（至少 8 位）")
    String staff_password();

    @Message("负责网格（网格员）")
    String staff_grid();

    @Message("负责楼栋（楼栋长）")
    String staff_building();

    @Message("不限")
    String not_narrowed();

    @Message("添加")
    String add();

    @Message("{#when role}{#is ADMIN}社区管理员{#is COMMITTEE}居委会成员{#is GRID_WORKER}网格员{#is BUILDING_LEADER}楼栋长{/when}")
    String staff_role(org.linli.identity.Role role);

    @Message("{#when role}{#is OWNER}业主{#is CO_OWNER}共有人{#is TENANT}租户{#is FAMILY}家庭成员{/when}")
    String membership_role(org.linli.community.MembershipRole role);

    // --- dead letters
    @Message("投递失败的消息")
    String dead_title();

    @Message("消息")
    String col_message();

    @Message("居民编号")
    String col_resident();

    @Message("渠道")
    String col_channel();

    @Message("错误码")
    String col_errcode();

    @Message("失败次数")
    String col_failures();

    @Message("时间")
    String col_at();

    @Message("重新投递")
    String redrive();

    @Message("全部重新投递")
    String redrive_all();

    @Message("已重新排队 {count} 条。")
    String redriven(Integer count);

    @Message("邀请码 {code} 的二维码")
    String qr_label(String code);

    // --- errors
    @Message("出错了")
    String error_title();

    @Message("返回工作台")
    String back_home();

    // --- reminders ---------------------------------------------------------------------------------------------------

    @Message("提醒")
    String nav_reminders();

    @Message("提醒：投票截止、会议、说事时限与自定义提醒")
    String reminders_title();

    @Message("新建提醒")
    String reminder_new();

    @Message("提醒标题")
    String reminder_title_label();

    @Message("提醒内容（选填）")
    String reminder_body_label();

    @Message("一次性：提醒时间")
    String reminder_fire_at();

    @Message("或重复：规则（分 时 日 月 周，例如 0 8 * * 1 表示每周一 8:00）")
    String reminder_cron();

    @Message("紧急（不受居民免打扰时段限制）")
    String reminder_urgent();

    @Message("提醒范围")
    String reminder_scope();

    @Message("创建提醒")
    String reminder_create();

    @Message("类型")
    String col_kind();

    @Message("时间")
    String col_schedule();

    @Message("下次提醒")
    String col_next_due();

    @Message("最近一次")
    String col_last();

    @Message("取消")
    String reminder_cancel();

    @Message("人数 {audience}，已推送 {queued}，已送达 {delivered}")
    String reminder_outcome(Integer audience, Integer queued, long delivered);

    @Message("已跳过：{reason}")
    String reminder_skipped(String reason);

    // --- meetings ----------------------------------------------------------------------------------------------------

    @Message("会议")
    String nav_meetings();

    @Message("议事会与居民会议")
    String meetings_title();

    @Message("即将召开")
    String meetings_upcoming();

    @Message("已结束")
    String meetings_past();

    @Message("会议")
    String col_meeting();

    @Message("地点")
    String col_place();

    @Message("参加 {yes} · 不参加 {no} · 待定 {maybe} · 未答复 {unanswered}（共邀请 {invited}）")
    String meeting_counts(long yes, long no, long maybe, long unanswered, long invited);

    @Message("已签到 {attended} 人，其中现场加入 {walkIns} 人")
    String meeting_attended(long attended, long walkIns);

    @Message("邀请推送：共 {total}，已送达微信 {sent}，仅小程序内 {inApp}，等待中 {pending}，失败 {dead}")
    String meeting_invitations(long total, long sent, long inApp, long pending, long dead);

    @Message("签到人员")
    String meeting_attendees();

    @Message("生成签到二维码（贴在会场门口，居民用微信扫码签到）")
    String meeting_qr_create();

    @Message("扫码签到：{title}")
    String meeting_qr_label(String title);

    @Message("二维码有效至 {until}")
    String meeting_qr_until(String until);

    @Message("工作人员代签")
    String meeting_by_staff();

    @Message("新建会议")
    String meeting_new();

    @Message("会议名称")
    String meeting_title_label();

    @Message("开始时间")
    String meeting_starts_at();

    @Message("结束时间（可不填）")
    String meeting_ends_at();

    @Message("议程")
    String meeting_agenda();

    @Message("邀请范围（创建后立即推送邀请）")
    String meeting_scope();

    @Message("会前提醒（提醒未回复“不参加”、尚未签到的受邀居民）")
    String meeting_reminders();

    @Message("会前提醒：{leads}")
    String meeting_reminders_line(String leads);

    @Message("不提醒（仅发邀请）")
    String meeting_no_reminders();

    @Message("提前 {n} 天")
    String lead_days(long n);

    @Message("提前 {n} 小时")
    String lead_hours(long n);

    @Message("提前 {n} 分钟")
    String lead_minutes(long n);

    @Message("创建并发送邀请")
    String meeting_create();

    @Message("取消会议")
    String meeting_cancel();

    @Message("确定取消这次会议吗？已收到邀请的居民会收到取消通知。")
    String meeting_cancel_confirm();

    @Message("会议纪要（作为通知发给受邀居民，只能发布一次）")
    String meeting_minutes();

    @Message("发布纪要")
    String meeting_minutes_publish();

    @Message("会议纪要已发布。")
    String meeting_minutes_done();
    // --- threads -----------------------------------------------------------------------------------------------------

    @Message("说事")
    String nav_threads();

    @Message("说事受理与办理")
    String threads_title();

    @Message("全部状态")
    String all_statuses();

    @Message("全部类别")
    String all_categories();

    @Message("全部网格")
    String all_grids();

    @Message("全部负责人")
    String all_assignees();

    @Message("只看超时")
    String only_overdue();

    @Message("排序")
    String sort();

    @Message("最新提交")
    String sort_created();

    @Message("附议最多")
    String sort_support();

    @Message("编号")
    String col_ref();

    @Message("类别")
    String col_category();

    @Message("紧急程度")
    String col_urgency();

    @Message("内容")
    String col_content();

    @Message("网格")
    String col_grid();

    @Message("负责人")
    String col_assignee();

    @Message("附议")
    String col_support();

    @Message("提交时间")
    String col_submitted();

    @Message("时限")
    String col_due();

    @Message("超时")
    String col_overdue();

    @Message("已上报街道")
    String col_escalated();

    @Message("紧急")
    String urgent();

    @Message("一般")
    String normal();

    @Message("是")
    String yes();

    @Message("选择")
    String select();

    @Message("分派给")
    String assign_to();

    @Message("分派选中的说事")
    String assign_submit();

    @Message("已分派 {done} 件{#if failed != '0'}，{failed} 件未能分派（状态已变化或无权处理）{/if}")
    String assigned(String done, String failed);

    @Message("我负责的")
    String thread_assignee_me();

    @Message("复杂事项（15 天时限）")
    String thread_complex();

    @Message("（已删除）")
    String comment_deleted();

    @Message("公开")
    String thread_public();

    @Message("不公开")
    String thread_private();

    @Message("地点")
    String thread_place();

    @Message("受理时限")
    String thread_accept_due();

    @Message("办结时限")
    String thread_resolve_due();

    @Message("已超时")
    String thread_overdue();

    @Message("办理结果")
    String thread_result();

    @Message("不予受理理由")
    String thread_reject_reason();

    @Message("已合并到 {ref}")
    String thread_merged_into(String ref);

    @Message("重新办理 {count} 次")
    String thread_reopens(int count);

    @Message("照片 {count} 张")
    String thread_photos(int count);

    @Message("关联表决 #{id}")
    String thread_poll(Long id);

    @Message("审核状态：{#when state}{#is 'HELD'}待审核{#is 'HIDDEN'}因举报隐藏{#is 'REMOVED'}已删除{#else}{state}{/when}")
    String moderation(String state);

    @Message("办理")
    String thread_moves();

    @Message("当前状态下您没有可做的操作。")
    String thread_no_moves();

    @Message("说明（可选）")
    String thread_note_optional();

    @Message("受理")
    String move_accept();

    @Message("不予受理")
    String move_reject();

    @Message("理由（居民可见）")
    String move_reject_reason();

    @Message("开始办理")
    String move_start();

    @Message("转入议事")
    String move_deliberate();

    @Message("关联表决编号（可选）")
    String move_poll();

    @Message("办结")
    String move_resolve();

    @Message("办理结果（居民可见）")
    String move_resolve_result();

    @Message("关闭")
    String move_close();

    @Message("转办")
    String move_transfer();

    @Message("转给工作人员")
    String move_transfer_staff();

    @Message("或转到网格")
    String move_transfer_grid();

    @Message("上报街道")
    String move_escalate();

    @Message("合并到此事项")
    String move_merge();

    @Message("可能重复的说事")
    String thread_suggestions();

    @Message("时间线")
    String thread_timeline();

    @Message("内部")
    String thread_internal();

    @Message("{#when kind}{#is 'CREATED'}创建{#is 'SUBMITTED'}提交{#is 'ACCEPTED'}受理{#is 'REJECTED'}不予受理"
            + "{#is 'DELIBERATING'}转入议事{#is 'STARTED'}开始办理{#is 'RESOLVED'}办结{#is 'REOPENED'}重新办理{#is 'CLOSED'}关闭"
            + "{#is 'TRANSFERRED'}转办{#is 'MERGED'}合并{#is 'MERGED_IN'}并入{#is 'ESCALATED'}上报街道{#is 'NOTE'}内部备注"
            + "{#is 'SUPPORTED'}附议{#is 'SUPPORT_WITHDRAWN'}撤回附议{#is 'RATED'}评价{#is 'HELD'}待审核{#is 'RELEASED'}审核通过"
            + "{#is 'HIDDEN'}隐藏{#is 'REMOVED'}删除{#else}{kind}{/when}")
    String event_kind(String kind);

    @Message("居民评论与回复")
    String thread_comments();

    @Message("以工作人员身份公开回复")
    String thread_reply();

    @Message("回复")
    String reply();

    @Message("内部备注（居民看不到）")
    String thread_note();

    @Message("添加备注")
    String note_add();

    @Message("恢复显示")
    String moderation_release();

    @Message("删除")
    String moderation_remove();

    @Message("处理说明（可选）")
    String moderation_reason();

    @Message("照片 {n}")
    String photo_open(int n);

    @Message("{#when check}{#is 'PASS'}已通过检测{#is 'PENDING'}检测中{#is 'REVIEW'}待人工复核{#is 'RISKY'}疑似违规"
            + "{#is 'HELD'}待审核{#is 'REMOVED'}已删除{#else}{check}{/when}")
    String photo_check(String check);

    @Message("今日新说事")
    String dash_threads_today();

    @Message("待受理")
    String dash_threads_waiting();

    @Message("超时未办")
    String dash_threads_overdue();

    @Message("本月")
    String this_month();

    @Message("上月")
    String last_month();

    @Message("说事三率")
    String dash_figures();

    @Message("响应率")
    String response_rate();

    @Message("解决率")
    String resolution_rate();

    @Message("满意率")
    String satisfaction_rate();

    @Message("议事表决")
    String nav_polls();

    // --- settings ----------------------------------------------------------------------------------------------------

    @Message("设置")
    String nav_settings();

    @Message("说事规则与时限")
    String settings_title();

}
