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

STATUS_NOT_ASSESSED = "尚未评估"
MISSING = "暂无数据"
