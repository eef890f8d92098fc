"""The contributor commands' and the validator's messages in Chinese, for a reporter who asked for replies in Chinese.

The messages are written once, in English, where each check is made; this module reads each printed line back
(location, then what is wrong, then what was expected) and says it in Chinese. It covers every message one new
figure or status row can earn (tests/test_contribute.py runs the form's whole corpus of wrong answers through it); a
line it does not know is kept in English and marked so, never dropped.
"""

from __future__ import annotations

import re

UNKNOWN = "（暂无中文说明，原文如下）"

TYPES = {
    "a whole number": "整数",
    "a number such as 12 or 4.5": "数字，例如12或4.5",
    "true or false": "true或false",
    "a date written YYYY-MM-DD": "日期，写作YYYY-MM-DD",
    "a year such as 2025": "年份，例如2025",
    "text": "文字",
}
CHARACTERS = {
    "a control character": "控制字符",
    "an invisible formatting character (zero-width, bidi override, …)": "不可见的格式字符，如零宽字符、双向覆盖",
    "a line separator": "行分隔符",
    "a paragraph separator": "段落分隔符",
    "a private-use character": "私用区字符",
    "a lone surrogate": "孤立的代理码位",
    "a noncharacter": "非字符码位",
    "outside the Basic Multilingual Plane, which the charts cannot draw": "基本多文种平面以外的字符，图表无法显示",
    "an unassigned code point": "尚未分配的码位",
    "an invisible character (a filler or variation selector)": "不可见字符（填充符或变体选择符）",
    "the replacement character, left where text was not read as UTF-8": "替换字符（文字未按UTF-8读取时留下的）",
    "a radical that looks like a character (type the character itself)": "看起来像汉字的部首或笔画（请输入汉字本身）",
    "a space other than the plain one (type a plain space)": "不是普通空格的空白字符（请输入普通空格）",
}
STACKED = re.compile(r"mark (?P<n>\d+) on one letter \(at most (?P<limit>\d+)\)")


def character_why(why: str) -> str:
    stacked = STACKED.fullmatch(why)
    return (
        f"同一个字母上的第{stacked['n']}个组合符号（最多{stacked['limit']}个）" if stacked else CHARACTERS.get(why, why)
    )


LINKS = {
    "is not text": "不是文字",
    "is not a URL": "不是网址",
    "is not an http(s) link": "不是http(s)链接",
    "holds spaces or invisible characters (percent-encode them)": "含有空格或不可见字符（请用百分号编码）",
    "names a user before its host (user@host)": "在主机名前写了用户名（user@host），链接实际去往@后面的网站",
    "has a host that is not a name in plain letters, digits, dots and hyphens (an internationalised name in its xn-- form)": "网站名不是只由字母、数字、点和连字符组成的名称（中文域名请写成xn--开头的形式）",
}
HEADINGS = {
    "Nothing was written; the package would have these problems:": "没有写入任何内容；加入这一行后，数据包会有以下问题：",
    "Nothing was written; the data package has these problems already (fix them, then run this again):": "没有写入任何内容；数据包本身已有以下问题（请先修正，再重新运行）：",
}

FORMULA_EXPECTED = re.escape(
    "no = + - @ (nor ＝ ＋ － ＠) at the start, after leading spaces or a quote, or after ; or |"
)
FORMULA_RULE = "开头、开头的空格或引号之后、“;”或“|”之后，都不能是 = + - @ 或全角的 ＝ ＋ － ＠"

# (what is wrong [and what was expected], as printed) -> its Chinese; tried in order, the first whole match wins.
WORDS: list[tuple[str, object]] = [
    (r"is empty \(a value is required\)", "为空（必须填写）"),
    (r"Windows line ending \(CR\) \(LF line endings\)", "含有Windows换行符CR（应只用LF换行）"),
    (r"starts with a byte-order mark \(UTF-8 without BOM\)", "以字节顺序标记BOM开头（应为不带BOM的UTF-8）"),
    (r"the last line has no line ending \(end the file with a newline\)", "最后一行没有换行符（文件应以换行结尾）"),
    (r"row is empty \(remove it\)", "空行（请删去）"),
    (
        r"row has too (?P<few>few|many) cells \(one cell per column\)",
        lambda m: f"这一行的单元格{'太少' if m['few'] == 'few' else '太多'}（每列一个单元格）",
    ),
    (r"has (?P<n>[\d,]+) characters \(at most (?P<limit>[\d,]+) \(.*\)\)", "有{n}个字符（最多{limit}个）"),
    (
        r"character (?P<i>\d+) is (?P<name>U\+[0-9A-F]+[^,]*), (?P<why>.+?) \(visible text only; (?P<nl>a new line only in a "
        r"multiline field; )?remove the character, or retype the text if it was pasted\)",
        lambda m: (
            f"第{m['i']}个字符是{m['name']}，属于{character_why(m['why'])}（只能是可见文字；"
            f"{'只有多行字段可以换行；' if m['nl'] else ''}请删去这个字符，粘贴来的文字请重新输入）"
        ),
    ),
    (
        r"starts with “(?P<c>.)”, which a spreadsheet runs as a formula \(" + FORMULA_EXPECTED + r"\)",
        "以“{c}”开头，电子表格会把它当作公式执行（" + FORMULA_RULE + "）",
    ),
    (
        r"has “(?P<c>.)” at character (?P<i>\d+) after spaces, a quote, “;” or “\|”, where a spreadsheet may start a cell and run "
        r"it as a formula \(" + FORMULA_EXPECTED + r"\)",
        "第{i}个字符“{c}”前面是空格、引号、“;”或“|”，电子表格可能从这里另起一格，把它当作公式执行（"
        + FORMULA_RULE
        + "）",
    ),
    (
        r"mixes Latin, Cyrillic or Greek letters in the word (?P<w>.+) \(each word in one alphabet: .*\)",
        "单词{w}混用了拉丁、西里尔或希腊字母（每个单词只用一种字母：西里尔字母о看起来和拉丁字母o一样；请重新输入这个单词）",
    ),
    (
        r"is not in composed form \(Unicode NFC\) \(.*\)",
        "不是组合形式（Unicode NFC）：请重新输入这段文字，或用本站的添加命令写入（它会自动转换）",
    ),
    (
        r"(?P<v>.+) is not a usable number \(digits with at most one decimal point, such as 144\.15\)",
        "{v}不是可用的数字（只用数字，最多一个小数点，例如144.15）",
    ),
    (r"(?P<v>.+) is not an allowed value \(one of (?P<options>.+)\)", "{v}不是允许的值（应为以下之一：{options}）"),
    (r"(?P<v>.+) has the wrong form \(matching (?P<pattern>.+)\)", "{v}的格式不对（应符合 {pattern}）"),
    (r"(?P<v>.+) is too small \(at least (?P<n>.+)\)", "{v}太小（至少为{n}）"),
    (r"(?P<v>.+) is too large \(at most (?P<n>.+)\)", "{v}太大（最多为{n}）"),
    (
        r"(?P<v>.+) has the wrong type \(expected (?P<t>.+)\)",
        lambda m: f"{m['v']}的类型不对（应为{TYPES.get(m['t'], m['t'])}）",
    ),
    (r"(?P<v>.+) is used twice \(unique; already on row (?P<row>\d+)\)", "{v}重复出现（必须唯一；第{row}行已有）"),
    (
        r"the same key is used twice \(unique; already on row (?P<row>\d+)\)",
        "同一主键出现了两次（必须唯一；第{row}行已有）",
    ),
    (
        r"(?P<v>'.*'|\".*\") is not an? (?P<key>\w+) in (?P<file>data/\w+\.csv) \(expected an existing \w+\)",
        "{v}不是{file}中已有的{key}",
    ),
    (
        r"(?P<v>.+) (?P<why>is not text|is not a URL|is not an http\(s\) link|holds spaces or invisible characters \(percent-encode "
        r"them\)|names a user before its host \(user@host\)|has a host that is not a name in plain letters, digits, dots and hyphens "
        r"\(an internationalised name in its xn-- form\)) \(a web address starting with http:// or https://\)",
        lambda m: f"{m['v']}{LINKS[m['why']]}（应为以 http:// 或 https:// 开头的网址）",
    ),
    (
        r"half-width “(?P<mark>.)” in Chinese text \((?P<context>.*)\): write “(?P<full>.)” \(full-width punctuation.*\)",
        "中文里用了半角“{mark}”（{context}）：请写作全角“{full}”",
    ),
    (
        r"carries a pinyin annotation “(?P<a>.+)” from a damaged copy: quote the characters only \(.*\)",
        "带有来自损坏副本的拼音注音“{a}”：只引用汉字，照来源原样",
    ),
    (
        r"mixes Traditional and Simplified characters: quote the source in one script, as it reads \(.*\)",
        "繁体字和简体字混用：请照来源原样，只用一种字体引用",
    ),
    (
        r"is empty: (?P<field>\w+) has no English translation \(.*\)",
        "为空：{field}没有英文翻译（请给出忠实、平实的英文，术语按 data/glossary.csv）",
    ),
    (r"has English but (?P<field>\w+) is empty \(.*\)", "有英文，但{field}为空（请填写它所翻译的中文）"),
    (
        r"(?P<field>\w+) has “(?P<zh>.+?)” but this has no “(?P<en>.+?)” \(.*\)",
        "{field}含有“{zh}”，但英文中没有“{en}”（按 data/glossary.csv 翻译）",
    ),
    (
        r"(?P<text>.+) includes (?P<n>[\d.,]+), but the English excludes it \(.*\)",
        "“{text}”包括{n}本身，英文却把它排除在外（以上译作“at least N”或“N or more”，以下译作“N or under”或“at most N”）",
    ),
    (
        r"(?P<indicator>\w+) (?P<year>\d+) has (?P<n>\d+) preferred figures \(.*\)",
        "{indicator}在{year}年有{n}个首选数值（每个指标每年只能有一个首选数值；请在说明中写明原因）",
    ),
    (
        r"is (?P<lang>\S+), but the synonym (?P<why>holds no Chinese character|holds Chinese characters) \(.*\)",
        lambda m: (
            f"是{m['lang']}，但同义词{'不含汉字' if m['why'].startswith('holds no') else '含有汉字'}"
            "（含汉字的同义词写zh-Hans，不含汉字的写en）"
        ),
    ),
    (
        r"“(?P<synonym>.+)” is already part of the term “(?P<term>.+)” \(.*\)",
        "“{synonym}”已是用词“{term}”的一部分（请换一个用词中没有的词：搜索本来就能找到用词的任何一部分）",
    ),
    (r"(?P<date>[0-9-]+) is in the future \(a date up to today\)", "{date}晚于今天（日期最晚为今天）"),
    (r"(?P<year>[0-9]+) is in the future \(a year up to (?P<last>[0-9]+)\)", "{year}年尚未到来（年份最晚为{last}年）"),
    (r"row is out of order \(rows sorted by (?P<key>.+)\)", "这一行的位置不对（各行按{key}排序）"),
    (
        r"“(?P<body>.+)” is not a body any indicator's publisher names \(.*: (?P<names>.+)\)",
        "“{body}”不是任何指标发布机构中的机关（请照指标发布机构的写法填写机关名称：{names}）",
    ),
    # The contributor commands' own refusals ("add_observation: --value: …").
    (
        r"--(?P<option>[\w-]+): (?P<v>.+) is not a (?P<finite>finite )?number \(in (?P<unit>.+), the indicator's unit, such as (?P<e>.+)\)",
        lambda m: (
            f"--{m['option']}：{m['v']}不是{'有限的' if m['finite'] else ''}数字（使用指标的单位{m['unit']}，例如{m['e']}）"
        ),
    ),
    (
        r"--(?P<option>[\w-]+): (?P<v>.+) is not a (?P<finite>finite )?number \(the year the figure measures, such as (?P<e>.+)\)",
        lambda m: f"--{m['option']}：{m['v']}不是{'有限的' if m['finite'] else ''}数字（数值所属的年份，例如{m['e']}）",
    ),
    (
        r"--(?P<option>[\w-]+): is missing \(in (?P<unit>.+), the indicator's unit, such as (?P<e>.+)\)",
        "--{option}：没有填写（使用指标的单位{unit}，例如{e}）",
    ),
    (
        r"--(?P<option>[\w-]+): is missing \(the year the figure measures, such as (?P<e>.+)\)",
        "--{option}：没有填写（数值所属的年份，例如{e}）",
    ),
    (r"--indicator: is missing; choose one of: (?P<options>.+)", "--indicator：没有填写；请从以下选择：{options}"),
    (
        r"missing: (?P<options>.+) \(every figure and every status needs its source\)",
        "缺少：{options}（每个数值和每条进展都要有来源）",
    ),
    (
        r"missing: (?P<options>.+) \(a status needs a summary in Chinese and in English, and its source\)",
        "缺少：{options}（每条进展都要有中文和英文摘要，以及来源）",
    ),
    (
        r"missing: (?P<options>.+) \(a status needs a summary and its source\)",
        "缺少：{options}（每条进展都要有摘要和来源）",
    ),
    (
        r"--indicator: (?P<v>.+) is not an indicator; choose one of: (?P<options>.+)",
        "--indicator：{v}不是指标；请从以下选择：{options}",
    ),
    (r"--year: (?P<v>.+) is not a year between 2000 and 2100", "--year：{v}不是2000到2100之间的年份"),
    (r"--note-en: give the note in English too \(.*\)", "--note-en：说明也要有英文（网站英文版会显示）"),
    (
        r"--note: say why this figure replaces the preferred one \(row (?P<row>\d+), (?P<value>.+)\) for (?P<indicator>\w+) (?P<year>\d+)",
        "--note：请说明这个数值为什么取代{indicator}在{year}年的首选数值（第{row}行，{value}）",
    ),
    (r"--task: (?P<v>.+) is not a task number; use 1 to (?P<n>\d+)", "--task：{v}不是任务编号；请用1到{n}"),
    (
        r"--(?P<option>as-of|published): (?P<v>.+) is not a date written 2026-03-15 or 2026年3月15日(?P<any> \(or .*\))?",
        lambda m: (
            f"--{m['option']}：{m['v']}不是日期（请写作2026-03-15或2026年3月15日{'；只知道月份或年份时写2026年3月或2026年' if m['any'] else ''}）"
        ),
    ),
    (
        r"--(?P<option>as-of|published): (?P<v>.+) needs the day: write 2026-03-15 or 2026年3月15日",
        "--{option}：{v}缺少日（请写作2026-03-15或2026年3月15日）",
    ),
    (
        r"--(?P<option>as-of|published): (?P<v>.+) is not a real day of the calendar",
        "--{option}：{v}不是日历上存在的日期",
    ),
    (
        r"--status: (?P<v>.+) is not a status; choose one of: (?P<options>.+)",
        "--status：{v}不是状态；请从以下选择：{options}",
    ),
    (
        r"could not write the data \((?P<why>.*)\); (?P<resource>\w+) is unchanged",
        "无法写入数据（{why}）；{resource}未改动",
    ),
    (r"unexpected failure \((?P<why>.*)\); please report it, .*", "意外故障（{why}）；请报告这个问题"),
    (
        r"added row (?P<row>\d+) to (?P<file>data/\w+\.csv)(?P<not> \(not preferred: .*\))?; run make test, then open a pull request",
        lambda m: (
            f"已在{m['file']}中加入第{m['row']}号记录" + ("（不是首选数值：该年已有首选数值）" if m["not"] else "")
        ),
    ),
]
COMPILED = [(re.compile(pattern), say) for pattern, say in WORDS]
LOCATION = re.compile(
    r"(?P<location>(?:data/[\w./-]+\.csv|datapackage\.json)(?::\d+)?(?::[^:\s][^:]*)?|add_observation|add_status): (?P<rest>.*)"
)


def words(text: str) -> str | None:
    """One message, without its location, in Chinese; None where it is not known."""
    for pattern, say in COMPILED:
        match = pattern.fullmatch(text)
        if match:
            return say(match) if callable(say) else say.format(**match.groupdict(default=""))
    return None


def line_in_chinese(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    text = line.strip()
    if not text or text in HEADINGS:
        return indent + HEADINGS.get(text, text)
    located = LOCATION.fullmatch(text)
    location, rest = (located["location"] + "：", located["rest"]) if located else ("", text)
    if located and located["location"].startswith("add_"):
        location = ""  # the command's name means nothing to a reporter who used the form
    said = words(rest)
    return indent + (location + said if said is not None else UNKNOWN + text)


def in_chinese(text: str) -> str:
    """Every line of a command's output in Chinese, in order; an unknown line kept in English after a mark."""
    return "\n".join(line_in_chinese(line) for line in text.split("\n"))
