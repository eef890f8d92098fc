"""Reader-facing labels for the values the schemas allow: one table to translate."""

COMPARATOR = {
    "reach": "达到",
    "at_least": "以上",
    "about": "左右",
    "unqualified": "未注明限定词",
    "improve_by": "提升",
    "within_top": "进入前列",
}

KIND = {
    "provincial_government_department": "省政府部门和直属机构",
    "party_committee_body": "省委部门和机构",
    "central_agency_branch": "中央驻甘单位",
    "local_government": "地方政府",
}

ROLE = {
    "lead": "牵头",
    "participant": "参与",
    "noted": "按任务1说明落实",
}

BETTER = {"higher": "越高越好", "lower": "越小越好（位次）"}

STATUS = {
    "not_assessed": "尚未评估",
    "not_started": "尚未启动",
    "on_track": "推进中——进展顺利",
    "with_difficulties": "推进中——遇到困难",
    "completed": "已完成",
    "completed_modified": "已完成（有调整）",
    "not_pursued": "未推进",
}

SOURCE_KIND = {
    "official_statistics": "官方统计",
    "government_statement": "政府发布",
    "media_report": "媒体报道",
    "third_party_repost": "第三方转载",
}

PROGRESS = {
    "achieved": "已达到",
    "on_track": "按趋势可达到",
    "off_track": "按趋势难以达到",
    "insufficient_data": "数据不足",
}
MISSING = "暂无数据"
