"""The narrative's vocabulary as data: units, the words that say what a figure is (markers), the
subjects figures name, funds, direction words. `claims.py` is the one engine that applies them.

Every regex runs on a sentence with whitespace removed and full-width digits, `．` and `％` made ASCII
(character for character, so offsets stay those of the printed sentence). To teach the module a new
phrasing, add a row here.
"""
from __future__ import annotations

import re

# --- figures ---------------------------------------------------------------------------------------

# A printed number: an optional minus (增长-3.2% is a fall; most documents write 下降3.2% instead),
# thousands separators or plain digits, optional decimals. Not preceded by a digit or a point (no
# tail of a longer number) and not by 第 (第2季度 is an ordinal, not a figure).
NUMBER = re.compile(r"(?<![\d.,第])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")

# (regex right after the number, unit as reported, family). Longer units first: 个百分点 before 个,
# 人次 before 人, 万元 before 元. The family decides which kinds a figure can have.
UNITS = [
    (r"亿元", "亿元", "money"),
    (r"万元", "万元", "money"),
    (r"千元", "千元", "money"),
    (r"元", "元", "money"),
    (r"%", "%", "ratio"),
    (r"个百分点", "个百分点", "ratio"),
    (r"台[（(]套[)）]", "台(套)", "count"),
    (r"人次", "人次", "count"),
    (r"批次", "批次", "count"),
    (r"辆", "辆", "count"),
    (r"个", "个", "count"),
    (r"人(?![民员])", "人", "count"),
    (r"户", "户", "count"),
    (r"名", "名", "count"),
    (r"家", "家", "count"),
    (r"项(?![目)）])", "项", "count"),  # not the code of a 项: 行政运行（01项）
    (r"次", "次", "count"),
    (r"台", "台", "count"),
    (r"套", "套", "count"),
    (r"分(?![钟之别])", "分", "score"),
]
UNIT = re.compile("|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _, _) in enumerate(UNITS)))

# A figure followed by one of these is a bound or a threshold (满意度90%以上, 单价100万元（含）以上设备),
# not a stated value: no claim.
BOUND = re.compile(r"(?:[（(]含[)）])?(?:以上|以下|以内|左右|多|余)")
# A unitless number right before one of these may still be a percentage printed without its sign.
UNITLESS_END = re.compile(r"$|[，。；,;、）)：:]")

# --- markers: the words just before a figure that say what kind of figure it is --------------------

# Words between a marker and its figure that add nothing ("执行率为77.58%", "出国团组共0个").
FILLER = re.compile(r"(?:为|是|达到|达|约|共计|共|了|[：:])+$")

# Year-on-year: an optional comparison (较上年决算, 比2021年, 同比) then the direction word.
# A budget names what it compares with: 比2023年预算执行数增加, 比上年预算减少 (`against`).
YOY = re.compile(
    r"(?:(?:较|比|同比|与)(?:上一?年度?|(?:19|20)\d{2}年度?)?"
    r"(?P<against>当年预算执行数|预算执行数|执行数|预算数?|决算数?)?(?:同期|相比)?)?"
    r"(?P<direction>增加|增长|上升|增幅|减少|下降|降低|降幅)(?:了|幅度|率)?$"
)
# What a yoy comparison printed with a basis is against, as the document words it.
YOY_BASES = {"当年预算执行数": "上年当年预算执行数", "预算执行数": "上年当年预算执行数", "执行数": "上年当年预算执行数",
             "预算": "上年预算", "预算数": "上年预算", "决算": "上年决算", "决算数": "上年决算"}
# Printed direction → reported direction (the figure itself stays positive; the word carries the sign).
DIRECTIONS = {"增加": "增加", "增长": "增长", "上升": "增长", "增幅": "增长",
              "减少": "减少", "下降": "下降", "降低": "下降", "降幅": "下降"}
# Directions that describe a rate: a unitless figure after them is a percentage without its sign.
RATE_DIRECTIONS = {"增长", "上升", "增幅", "下降", "降低", "降幅"}

# No change from last year, stated without a figure. Not "保持平稳", nor the template's conditionals
# ("（如持平作持平表述）", "预决算持平的不用说明变动原因"); a clause comparing with a budget is not yoy
# ("决算数与预算数基本持平").
FLAT = re.compile(r"(?<![如作保])(?P<direction>与上一?年度?相同|持平|无变化)(?![稳的])")
FLAT_DIRECTIONS = {"持平": "持平", "无变化": "持平"}  # anything else reads 与上年相同
NOT_YOY = re.compile(r"预算|预决算")
# …unless it compares with a year's budget: "与2025年预算持平" in a budget is a change from last year
YEAR_BUDGET = re.compile(r"(?:与|比|较)(?:19|20)\d{2}年度?预算")

# The comparison year a sentence names: 与2021年相比, 比2021年, 较2023年度, 与2023年度持平.
COMPARISON_YEAR = re.compile(r"(?:与|比|较)((?:19|20)\d{2})年度?")

BUDGETS = r"年初预算|全年预算|调整后预算|调整预算"

# (name, regex anchored at the end of the text before the figure, basis). Tried in order.
MARKERS = [
    ("yoy", YOY, ""),
    ("completion", re.compile(rf"完成(?P<basis>{BUDGETS}|预算)数?的?(?:比例|比率)?$"), ""),
    ("completion", re.compile(r"(?:预算)?执行率$"), "全年预算"),  # 执行率 = 执行数 ÷ 全年预算数
    # 控制率 (e.g. "三公"经费控制率100%) is a policy indicator, not 决算 ÷ 预算: its own kind, not checked
    ("control", re.compile(r"控制率$"), ""),
    ("completion", re.compile(r"完成率$"), "预算"),
    ("share", re.compile(r"占(?:比)?(?P<whole>[^，,；;：:。占]*?)的?(?:比重|比例)?$"), ""),
    ("budget", re.compile(rf"(?<!涉及)(?P<basis>{BUDGETS})(?:数|金额)?$"), ""),
    ("budget", re.compile(r"(?<!涉及)(?:支出)?预算(?:数|金额)?$"), "预算"),
    # a budget's item paragraph states last year's figure first: "2023年当年预算执行数为54.60万元"
    ("prior", re.compile(r"(?:上一?年度?|(?:19|20)\d{2}年度?)当年预算执行数$"), "上年当年预算执行数"),
    ("amount", re.compile(r"(?:支出)?决算数?$|执行数$|实际支出$"), ""),
    ("score", re.compile(r"(?:绩效)?(?:自评)?得分$"), ""),
    ("plan", re.compile(r"(?:计划|预计|目标)$"), "计划"),
    ("actual", re.compile(r"(?:实际完成|实际)$"), "实际"),
]

# (marker, unit family) → claim kind. A marker counts only for the families listed with it; a figure
# with no such marker takes its family's default kind.
KINDS = {
    ("yoy", "money"): "yoy_change", ("yoy", "count"): "yoy_change", ("yoy", "ratio"): "yoy_rate",
    ("completion", "ratio"): "completion_rate", ("share", "ratio"): "share", ("control", "ratio"): "control_rate",
    ("budget", "money"): "budget_amount", ("amount", "money"): "amount", ("score", "score"): "score",
    ("prior", "money"): "prior_amount",
    ("plan", "count"): "count", ("actual", "count"): "count",
}
DEFAULT_KIND = {"money": "amount", "ratio": "share", "count": "count", "score": "score"}
# Markers after which a number printed without a unit is a percentage.
RATIO_MARKERS = {"completion", "share"}

# A completion or budget figure that names no particular budget takes the first one the sentence
# names ("支出预算121,200.00元，…完成全年预算的84.63%" is the 全年预算), else the section's last.
BUDGET_NAMED = re.compile(BUDGETS)

# --- grades ----------------------------------------------------------------------------------------

# "属于“优”": a grade stated for the subject. Not "自评结果为“中”和“差”的项目" (a list of grades) and
# not in a clause that counts projects ("3个项目自评等级为“优”", handled as a count).
GRADE = re.compile(
    r"(?:属于|评价为|评定为|等级为|评级为|等次为|结果为)[“\"]?"
    r"(?P<grade>优秀|良好|不合格|合格|优|良|中|差)[”\"]?(?![”\"]?[和、或与的及])"
)

# --- subjects ---------------------------------------------------------------------------------------

# (regex, subject). Tried in this order within a clause, so a specific name comes before any name it
# contains (公务用车购置及运行维护费 before 公务用车购置费, 三公经费 before 财政拨款支出). `{0}` is the
# matched text, `{name}` a named group; brackets are normalised to ASCII in the result.
SUBJECTS = [
    # performance self-evaluation
    (r"(?:自评等级|绩效评级|评价等级|评级|等级)为[“\"]?(?P<g>不合格|合格|优|良|中|差)[”\"]?", "等级为{g}的项目"),
    (r"[一二三]级项目", "{0}"),
    (r"涉及(?:预算)?(?:资金|金额)", "绩效评价涉及资金"),
    (r"部门评价", "部门评价项目"),
    (r"绩效自评的(?:(?:19|20)\d{2}年度?)?项目", "绩效自评的项目"),
    (r"部门[（(]单位[)）]整体|部门整体|整体支出|整体绩效", "部门整体支出"),
    (r"平均", "平均分"),
    # 三公经费 and its parts
    (r"公务用车购置及运行(?:维护)?费?", "公务用车购置及运行维护费"),
    (r"公务用车运行(?:维护)?费|公车运行(?:维护)?费", "公务用车运行维护费"),
    (r"公务用车购置费?", "公务用车购置费"),
    (r"因公出国[（(]?境[)）]?费?", "因公出国(境)费"),
    (r"国内接待费?", "国内接待费"),
    (r"外事接待费?", "外事接待费"),
    (r"国[（(]境[)）]外接待费?|接待国[（(]境[)）]外", "国(境)外接待费"),
    (r"公务接待费?", "公务接待费"),
    (r"出国团组|团组", "出国团组"),
    (r"[“”\"‘’]?三公[“”\"‘’]?经费", "三公经费"),
    (r"机关运行经费", "机关运行经费"),
    # 政府采购
    (r"政府采购货物|货物采购", "政府采购货物"),
    (r"政府采购工程|工程采购", "政府采购工程"),
    (r"政府采购服务|服务采购", "政府采购服务"),
    (r"小微企业", "政府采购小微企业"),
    (r"中小企业", "政府采购中小企业"),
    (r"政府采购", "政府采购"),
    # 国有资产占用
    (r"单价(?P<n>\d+)万元(?:[（(]含[)）])?以上的?设备", "单价{n}万元以上设备"),
    (r"(?:副部[（(]省[)）]级及以上|部级)领导(?:干部)?用车", "{0}"),
    (r"(?:主要领导干部|机要通信|应急保障|执法执勤|特种专业技术|离退休干部|其他)用车", "{0}"),
    (r"公务用车保有量|保有量", "公务用车保有量"),
    (r"购置(?:公务用)?车(?:辆)?", "购置车辆"),
    (r"车辆", "车辆"),
    # totals, sources of income, kinds of spending (the rows of 公开01-06表)
    (r"收入支出总计", "收入支出总计"),
    # 与上年相比收、支预算总计各增加… / 财政拨款收、支总计各增加… (Jiangsu 预算)
    (r"财政拨款收、?支(?:总预算|(?:预算)?总计)", "财政拨款收入"),
    (r"收、?支(?:总预算|(?:预算)?总计)", "收入支出总计"),
    # a budget's totals and sources: "财政拨款收入预算总计…", "其他资金收入预算总计15万元",
    # "（二）支出预算总计17996.68万元" (Jiangsu 预算 说明); the named source before the total it contains
    (r"财政拨款收入预算总计", "财政拨款收入"),
    (r"其他资金(?:收入)?", "其他资金"),
    (r"财政专户管理资金(?:收入)?", "财政专户管理资金"),
    (r"收入(?:预算)?总计", "收入总计"),
    (r"支出(?:预算)?总计", "支出总计"),
    (r"(?:本年)?收入合计", "收入合计"),
    (r"(?:本年)?支出合计", "支出合计"),
    (r"财政拨款收入(?!支出|总计)", "财政拨款收入"),
    (r"上级补助收入", "上级补助收入"),
    (r"附属单位上缴收入", "附属单位上缴收入"),
    (r"事业收入", "事业收入"),
    (r"经营收入", "经营收入"),
    (r"其他收入", "其他收入"),
    (r"使用非财政拨款结余", "使用非财政拨款结余"),
    (r"年初结转和结余", "年初结转和结余"),
    (r"年末结转和结余", "年末结转和结余"),
    (r"结余分配", "结余分配"),
    (r"人员经费", "人员经费"),
    (r"日常公用经费", "日常公用经费"),
    (r"公用经费", "公用经费"),
    (r"基本支出", "基本支出"),
    (r"项目支出", "项目支出"),
    (r"上缴上级支出", "上缴上级支出"),
    (r"对?附属单位补助支出", "对附属单位补助支出"),
    (r"经营支出", "经营支出"),
    (r"财政拨款(?:决算)?支出", "财政拨款支出"),
    # 类 names of 支出功能分类 are appended from juesuan.classification (see claims.py)
]

# "教育支出（类）", "一般公共服务支出（类）财政事务（款）行政运行（项）", "人大事务(款)行政运行(项)",
# "公共安全支出（204类）司法（06款）行政运行（01项）" (the code's digits inside the brackets): a named
# classification, each level optional (an empty match names nothing).
_CLASS_NAME = r"[^（(，,；;：:。、.．\d]+?"
CLASSIFIED = re.compile(
    rf"(?:(?P<类>{_CLASS_NAME})[（(](?P<类_code>\d{{3}})?类[)）])?"
    rf"(?:(?P<款>{_CLASS_NAME})[（(](?P<款_code>\d{{2}})?款[)）])?"
    rf"(?:(?P<项>{_CLASS_NAME})[（(](?P<项_code>\d{{2}})?项[)）])?"
)

# "金保工程信息系统日常运营维护绩效自评综述": the paragraph's subject is the project.
PERFORMANCE_TOPIC = re.compile(r"^(?P<subject>.+?)(?:项目)?(?:支出)?(?:绩效)?自评(?:结果)?综述$")

# Where the subject of a clause starts: after the last of these words.
CONNECTIVES = re.compile(r"主要为|用于|包括|其中|截至|共有|涵盖|是|对|将|即")
# Words that name nothing by themselves; a clause of only these (and digits, brackets, quotes) carries
# the subject of the figure before it.
GENERIC = re.compile(
    r"本部门|本单位|部门|单位|本级|项目|绩效|自评|资金|金额|合计|全年|本年度|本年|上年度|上年|年度|"
    r"支出|收入|决算|预算|年初|执行|完成|使用|安排|财政拨款|财政|接待|采购|情况|主要|原因|相比|其他|"
    r"[共约达数总额的了我局等和及其中在由从对为是年月日度]"
)
# Years and ordinals in a fallback subject say when or which item, not what.
SUBJECT_NOISE = re.compile(r"(?:19|20)\d{2}年度?|^\d+[、.．]|^[（(]?[一二三四五六七八九十\d]+[)）、]|[“”\"‘’]")

# --- funds -------------------------------------------------------------------------------------------

# A specific fund named before a subject is the claim's fund, not part of its subject:
# "一般公共预算财政拨款支出" is 财政拨款支出 of the 一般公共预算 fund.
FUNDS = [
    (r"一般公共预算", "一般公共预算财政拨款"),
    (r"政府性基金(?:预算)?", "政府性基金预算财政拨款"),
    (r"国有资[本金]经营预算", "国有资本经营预算财政拨款"),  # 国有资金经营预算 is a printed slip for it
    (r"社会保险基金预算", "社会保险基金预算"),
]
FUND = re.compile("|".join(f"(?P<f{i}>{pattern})" for i, (pattern, _) in enumerate(FUNDS)))
GENERAL_FUND = "财政拨款"

# --- form -----------------------------------------------------------------------------------------------

# Template text left in: XX局, 20XX年, ××, 某某. Upper case only and not inside a Latin word, so that
# URLs and abbreviations (xxgk) are not taken for placeholders.
PLACEHOLDER = re.compile(r"(?<![A-Za-z])[XＸ×]{2,}(?![A-Za-z])|某某")
YEAR = re.compile(r"((?:19|20)\d{2})年")
