"""The bundled sample against the document: every number printed in
data/raw/xinzhou-hrss-2022.txt (忻州市人力资源和社会保障局 2022年度部门决算), typed here by hand.

Every expected value below was read off the text file and typed in; nothing here parses the source
(it is only hashed, for meta["sha256"]). Cells are written as printed, as strings: "" is a cell
printed empty (or `——`), which must have no fact. Names follow docs/facts.md.

Tables 01-10 print 元; the three 项目支出绩效自评表 attachments print money in 万元, which the test
converts to 元 by multiplying the printed figure by 10000 (WAN below).
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import juesuan

DOC_ID = "xinzhou-hrss-2022"
SOURCE = Path(__file__).resolve().parents[1] / "data" / "raw" / "xinzhou-hrss-2022.txt"
WAN = Decimal(10000)  # 1 万元 in 元


# ---------------------------------------------------------------------------------------------
# 公开01表 收入支出决算总表 (income_expenditure_summary): two sides, one column 决算数.
# Only rows with a printed number are listed; rows printing only 行次 (9.00 … 26.00, 30, 61.00)
# and the empty labelled rows have no fact. (side, item, 决算数)
INCOME_EXPENDITURE_SUMMARY = [
    ("收入", "一、一般公共预算财政拨款收入", "84386179.09"),
    ("收入", "五、事业收入", "1272731.00"),
    ("收入", "八、其他收入", "155067.21"),
    ("收入", "本年收入合计", "85813977.30"),
    ("收入", "总计", "85813977.30"),
    ("支出", "五、教育支出", "26132420.39"),
    ("支出", "八、社会保障和就业支出", "55309716.99"),
    ("支出", "九、卫生健康支出", "1152660.87"),
    ("支出", "十二、农林水支出", "58810.00"),
    ("支出", "十九、住房保障支出", "2179836.72"),
    ("支出", "二十三、其他支出", "134974.00"),
    ("支出", "本年支出合计", "84968418.97"),
    ("支出", "结余分配", "694374.90"),
    ("支出", "年末结转和结余", "151183.43"),
    ("支出", "总计", "85813977.30"),
]

# ---------------------------------------------------------------------------------------------
# 公开02表 收入决算表 (income): one line per printed row, cells in the printed column order.
# Items as printed in THIS table: 20801 is printed `人力资源和社会管理事务` (sic, 03/05 print
# 人力资源和社会保障管理事务), 21305 `巩固脱贫攻坚衔接乡村振兴` (03/05: 巩固脱贫衔接乡村振兴).
INCOME_COLUMNS = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                  "附属单位上缴收入", "其他收入")
INCOME = [
    ("", "合计", "85813977.30", "84386179.09", "", "1272731.00", "", "", "155067.21"),
    ("205", "教育支出", "26825349.58", "25552618.58", "", "1272731.00", "", "", ""),
    ("20503", "职业教育", "26825349.58", "25552618.58", "", "1272731.00", "", "", ""),
    ("2050302", "中等职业教育", "562900.00", "562900.00", "", "", "", "", ""),
    ("2050303", "技校教育", "26262449.58", "24989718.58", "", "1272731.00", "", "", ""),
    ("208", "社会保障和就业支出", "55462346.13", "55307278.92", "", "", "", "", "155067.21"),
    ("20801", "人力资源和社会管理事务", "29395355.06", "29240287.85", "", "", "", "", "155067.21"),
    ("2080101", "行政运行", "18535063.12", "18535063.12", "", "", "", "", ""),
    ("2080105", "劳动保障监察", "102530.01", "99969.80", "", "", "", "", "2560.21"),
    ("2080106", "就业管理事务", "1468152.54", "1468152.54", "", "", "", "", ""),
    ("2080109", "社会保险经办机构", "866070.00", "866070.00", "", "", "", "", ""),
    ("2080111", "公共就业服务和职业技能鉴定机构", "1495800.00", "1495800.00", "", "", "", "", ""),
    ("2080199", "其他人力资源和社会管理事务支出", "6927739.39", "6775232.39", "", "", "", "", "152507.00"),
    ("20805", "行政事业单位养老支出", "2617002.15", "2617002.15", "", "", "", "", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "2617002.15", "2617002.15", "", "", "", "", ""),
    ("20807", "就业补助", "22277968.92", "22277968.92", "", "", "", "", ""),
    ("2080799", "其他就业补助支出", "22277968.92", "22277968.92", "", "", "", "", ""),
    ("20811", "残疾人事业", "728500.00", "728500.00", "", "", "", "", ""),
    ("2081101", "行政运行", "728500.00", "728500.00", "", "", "", "", ""),
    ("20899", "其他社会保障和就业支出", "443520.00", "443520.00", "", "", "", "", ""),
    ("2089999", "其他社会保障和就业支出", "443520.00", "443520.00", "", "", "", "", ""),
    ("210", "卫生健康支出", "1152660.87", "1152660.87", "", "", "", "", ""),
    ("21011", "行政事业单位医疗", "1152660.87", "1152660.87", "", "", "", "", ""),
    ("2101101", "行政单位医疗", "514142.25", "514142.25", "", "", "", "", ""),
    ("2101102", "事业单位医疗", "638518.62", "638518.62", "", "", "", "", ""),
    ("213", "农林水支出", "58810.00", "58810.00", "", "", "", "", ""),
    ("21305", "巩固脱贫攻坚衔接乡村振兴", "58810.00", "58810.00", "", "", "", "", ""),
    ("2130599", "其他巩固脱贫攻坚衔接乡村振兴支出", "58810.00", "58810.00", "", "", "", "", ""),
    ("221", "住房保障支出", "2179836.72", "2179836.72", "", "", "", "", ""),
    ("22102", "住房改革支出", "2179836.72", "2179836.72", "", "", "", "", ""),
    ("2210201", "住房公积金", "2179836.72", "2179836.72", "", "", "", "", ""),
    ("229", "其他支出", "134974.00", "134974.00", "", "", "", "", ""),
    ("22999", "其他支出", "134974.00", "134974.00", "", "", "", "", ""),
    ("2299999", "其他支出", "134974.00", "134974.00", "", "", "", "", ""),
]

# ---------------------------------------------------------------------------------------------
# 公开03表 支出决算表 (expenditure). Names are wrapped in the export (`中等职业教 育`); the item
# is the name with the wrap spaces removed. 上缴上级支出/经营支出/对附属单位补助支出 are empty throughout.
EXPENDITURE_COLUMNS = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                       "对附属单位补助支出")
EXPENDITURE = [
    ("", "合计", "84968418.97", "39850490.53", "45117928.44", "", "", ""),
    ("205", "教育支出", "26132420.39", "12980955.41", "13151464.98", "", "", ""),
    ("20503", "职业教育", "26132420.39", "12980955.41", "13151464.98", "", "", ""),
    ("2050302", "中等职业教育", "562900.00", "", "562900.00", "", "", ""),
    ("2050303", "技校教育", "25569520.39", "12980955.41", "12588564.98", "", "", ""),
    ("208", "社会保障和就业支出", "55309716.99", "23537037.53", "31772679.46", "", "", ""),
    ("20801", "人力资源和社会保障管理事务", "29242725.92", "20191535.38", "9051190.54", "", "", ""),
    ("2080101", "行政运行", "18535063.12", "18324845.12", "210218.00", "", "", ""),
    ("2080105", "劳动保障监察", "101084.30", "1114.50", "99969.80", "", "", ""),
    ("2080106", "就业管理事务", "1468152.54", "", "1468152.54", "", "", ""),
    ("2080109", "社会保险经办机构", "866070.00", "", "866070.00", "", "", ""),
    ("2080111", "公共就业服务和职业技能鉴定机构", "1495800.00", "", "1495800.00", "", "", ""),
    ("2080199", "其他人力资源和社会保障管理事务支出", "6776555.96", "1865575.76", "4910980.20", "", "", ""),
    ("20805", "行政事业单位养老支出", "2617002.15", "2617002.15", "", "", "", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "2617002.15", "2617002.15", "", "", "", ""),
    ("20807", "就业补助", "22277968.92", "", "22277968.92", "", "", ""),
    ("2080799", "其他就业补助支出", "22277968.92", "", "22277968.92", "", "", ""),
    ("20811", "残疾人事业", "728500.00", "728500.00", "", "", "", ""),
    ("2081101", "行政运行", "728500.00", "728500.00", "", "", "", ""),
    ("20899", "其他社会保障和就业支出", "443520.00", "", "443520.00", "", "", ""),
    ("2089999", "其他社会保障和就业支出", "443520.00", "", "443520.00", "", "", ""),
    ("210", "卫生健康支出", "1152660.87", "1152660.87", "", "", "", ""),
    ("21011", "行政事业单位医疗", "1152660.87", "1152660.87", "", "", "", ""),
    ("2101101", "行政单位医疗", "514142.25", "514142.25", "", "", "", ""),
    ("2101102", "事业单位医疗", "638518.62", "638518.62", "", "", "", ""),
    ("213", "农林水支出", "58810.00", "", "58810.00", "", "", ""),
    ("21305", "巩固脱贫衔接乡村振兴", "58810.00", "", "58810.00", "", "", ""),
    ("2130599", "其他巩固脱贫衔接乡村振兴支出", "58810.00", "", "58810.00", "", "", ""),
    ("221", "住房保障支出", "2179836.72", "2179836.72", "", "", "", ""),
    ("22102", "住房改革支出", "2179836.72", "2179836.72", "", "", "", ""),
    ("2210201", "住房公积金", "2179836.72", "2179836.72", "", "", "", ""),
    ("229", "其他支出", "134974.00", "", "134974.00", "", "", ""),
    ("22999", "其他支出", "134974.00", "", "134974.00", "", "", ""),
    ("2299999", "其他支出", "134974.00", "", "134974.00", "", "", ""),
]

# ---------------------------------------------------------------------------------------------
# 公开04表 财政拨款收入支出决算总表 (fiscal_summary). 收入 side: one column 决算数 (printed 金额).
# 支出 side: 合计 and the three 财政拨款 columns; 政府性基金/国有资本经营 are empty throughout.
FISCAL_SUMMARY_INCOME = [  # (item, 决算数)
    ("一、一般公共预算财政拨款", "84386179.09"),
    ("本年收入合计", "84386179.09"),
    ("收入总计", "84386179.09"),
]
FISCAL_SUMMARY_EXPENDITURE_COLUMNS = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                                      "国有资本经营预算财政拨款")
FISCAL_SUMMARY_EXPENDITURE = [
    ("五、教育支出", "25552618.58", "25552618.58", "", ""),
    ("八、社会保障和就业支出", "55307278.92", "55307278.92", "", ""),
    ("九、卫生健康支出", "1152660.87", "1152660.87", "", ""),
    ("十二、农林水支出", "58810.00", "58810.00", "", ""),
    ("十九、住房保障支出", "2179836.72", "2179836.72", "", ""),
    ("二十三、其他支出", "134974.00", "134974.00", "", ""),
    ("本年支出合计", "84386179.09", "84386179.09", "", ""),
    ("总计", "84386179.09", "84386179.09", "", ""),
]

# ---------------------------------------------------------------------------------------------
# 公开05表 一般公共预算财政拨款支出决算表 (general_budget_expenditure): 合计 (printed 小计), 基本支出, 项目支出.
GENERAL_BUDGET_EXPENDITURE_COLUMNS = ("合计", "基本支出", "项目支出")
GENERAL_BUDGET_EXPENDITURE = [
    ("", "合计", "84386179.09", "39269574.22", "45116604.87"),
    ("205", "教育支出", "25552618.58", "12401153.60", "13151464.98"),
    ("20503", "职业教育", "25552618.58", "12401153.60", "13151464.98"),
    ("2050302", "中等职业教育", "562900.00", "", "562900.00"),
    ("2050303", "技校教育", "24989718.58", "12401153.60", "12588564.98"),
    ("208", "社会保障和就业支出", "55307278.92", "23535923.03", "31771355.89"),
    ("20801", "人力资源和社会保障管理事务", "29240287.85", "20190420.88", "9049866.97"),
    ("2080101", "行政运行", "18535063.12", "18324845.12", "210218.00"),
    ("2080105", "劳动保障监察", "99969.80", "", "99969.80"),
    ("2080106", "就业管理事务", "1468152.54", "", "1468152.54"),
    ("2080109", "社会保险经办机构", "866070.00", "", "866070.00"),
    ("2080111", "公共就业服务和职业技能鉴定机构", "1495800.00", "", "1495800.00"),
    ("2080199", "其他人力资源和社会保障管理事务支出", "6775232.39", "1865575.76", "4909656.63"),
    ("20805", "行政事业单位养老支出", "2617002.15", "2617002.15", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "2617002.15", "2617002.15", ""),
    ("20807", "就业补助", "22277968.92", "", "22277968.92"),
    ("2080799", "其他就业补助支出", "22277968.92", "", "22277968.92"),
    ("20811", "残疾人事业", "728500.00", "728500.00", ""),
    ("2081101", "行政运行", "728500.00", "728500.00", ""),
    ("20899", "其他社会保障和就业支出", "443520.00", "", "443520.00"),
    ("2089999", "其他社会保障和就业支出", "443520.00", "", "443520.00"),
    ("210", "卫生健康支出", "1152660.87", "1152660.87", ""),
    ("21011", "行政事业单位医疗", "1152660.87", "1152660.87", ""),
    ("2101101", "行政单位医疗", "514142.25", "514142.25", ""),
    ("2101102", "事业单位医疗", "638518.62", "638518.62", ""),
    ("213", "农林水支出", "58810.00", "", "58810.00"),
    ("21305", "巩固脱贫衔接乡村振兴", "58810.00", "", "58810.00"),
    ("2130599", "其他巩固脱贫衔接乡村振兴支出", "58810.00", "", "58810.00"),
    ("221", "住房保障支出", "2179836.72", "2179836.72", ""),
    ("22102", "住房改革支出", "2179836.72", "2179836.72", ""),
    ("2210201", "住房公积金", "2179836.72", "2179836.72", ""),
    ("229", "其他支出", "134974.00", "", "134974.00"),
    ("22999", "其他支出", "134974.00", "", "134974.00"),
    ("2299999", "其他支出", "134974.00", "", "134974.00"),
]

# ---------------------------------------------------------------------------------------------
# 公开06表 一般公共预算财政拨款支出决算明细表 (general_budget_economic): four column groups side by
# side, each (科目编码, 科目名称, 金额 -> 合计, 其中：基本支出 -> 基本支出). Only rows with at least one
# printed number are listed; the many all-empty rows and the `——` cells (309…, 311…, 313…) have no
# fact. Item 维修（护）费 keeps the full-width parentheses it is printed with.
GENERAL_BUDGET_ECONOMIC_COLUMNS = ("合计", "基本支出")
GENERAL_BUDGET_ECONOMIC = [
    # group 1 (人员经费): 301 工资福利支出 and 303 对个人和家庭的补助
    ("301", "工资福利支出", "32851505.14", "31182084.95"),
    ("30101", "基本工资", "13219241.76", "13134036.16"),
    ("30102", "津贴补贴", "4265559.55", "3396127.85"),
    ("30103", "奖金", "3492836.00", "3492836.00"),
    ("30107", "绩效工资", "4326625.22", "3771929.02"),
    ("30108", "机关事业单位基本养老保险缴费", "2520012.66", "2478572.02"),
    ("30109", "职业年金缴费", "929622.22", "929622.22"),
    ("30110", "职工基本医疗保险缴费", "1309399.23", "1309399.23"),
    ("30112", "其他社会保障缴费", "415028.27", "415028.27"),
    ("30113", "住房公积金", "2205411.00", "2205411.00"),
    ("30199", "其他工资福利支出", "167769.23", "49123.18"),
    ("303", "对个人和家庭的补助", "28561639.22", "4174134.30"),
    ("30301", "离休费", "139428.00", "139428.00"),
    ("30302", "退休费", "2043663.50", "2036863.50"),
    ("30304", "抚恤金", "244312.80", "244312.80"),
    ("30305", "生活补助", "8081129.00", "49769.00"),
    ("30308", "助学金", "1517220.00", ""),
    ("30309", "奖励金", "418650.00", "3050.00"),
    ("30311", "代缴社会保险费", "13632128.92", ""),
    ("30399", "其他对个人和家庭的补助", "2485107.00", "1700711.00"),
    # group 2 (公用经费): 302 商品和服务支出
    ("302", "商品和服务支出", "17183399.28", "3726856.52"),
    ("30201", "办公费", "1766097.66", "496347.07"),
    ("30202", "印刷费", "235578.00", "85000.00"),
    ("30203", "咨询费", "50000.00", ""),
    ("30204", "手续费", "71608.50", "5000.00"),
    ("30205", "水费", "159612.95", "71670.40"),
    ("30206", "电费", "327851.14", "139877.32"),
    ("30207", "邮电费", "232677.93", "86719.81"),
    ("30208", "取暖费", "1063110.19", "238558.25"),
    ("30209", "物业管理费", "34068.00", "15658.50"),
    ("30211", "差旅费", "403508.18", "76418.18"),
    ("30213", "维修（护）费", "1059697.64", "151810.00"),
    ("30214", "租赁费", "547920.00", "50000.00"),
    ("30215", "会议费", "15440.00", "5660.00"),
    ("30216", "培训费", "199083.00", "112990.00"),
    ("30218", "专用材料费", "330323.00", "51128.55"),
    ("30226", "劳务费", "2570939.90", "163621.13"),
    ("30227", "委托业务费", "2900773.00", ""),
    ("30228", "工会经费", "203643.36", "203643.36"),
    ("30229", "福利费", "571215.62", "571215.62"),
    ("30231", "公务用车运行维护费", "102573.57", "102573.57"),
    ("30239", "其他交通费用", "830555.00", "801425.00"),
    ("30299", "其他商品和服务支出", "3507122.64", "297539.76"),
    # group 3 (公用经费): 307, 309 all empty/——; 310 资本性支出
    ("310", "资本性支出", "5789635.45", "186498.45"),
    ("31002", "办公设备购置", "1618791.00", "114909.00"),
    ("31003", "专用设备购置", "1814804.45", "71589.45"),
    # group 4 (公用经费): the rest of 310, then 311, 312, 313, 399, all empty but one
    ("31022", "无形资产购置", "2356040.00", ""),
    # totals rows, no code; 公用经费合计 prints its two numbers under the 4th group's columns
    ("", "人员经费合计", "61413144.36", "35356219.25"),
    ("", "公用经费合计", "22973034.73", "3913354.97"),
]

# ---------------------------------------------------------------------------------------------
# 公开07表 财政拨款“三公”经费支出决算表 (three_public): one printed data row of 12 cells, read as
# (item, 预算数, 决算数). 公务用车购置及运行维护费 is the printed 小计.
THREE_PUBLIC = [
    ("合计", "121200.00", "102573.57"),
    ("因公出国(境)费", "", ""),
    ("公务用车购置及运行维护费", "120000.00", "102573.57"),
    ("公务用车购置费", "", ""),
    ("公务用车运行维护费", "120000.00", "102573.57"),
    ("公务接待费", "1200.00", ""),
]

# ---------------------------------------------------------------------------------------------
# 公开08表 / 公开09表: printed with headers and an empty 合计 row, `说明：本表无数据`.
EMPTY_TABLES = ("government_fund", "state_capital")

# ---------------------------------------------------------------------------------------------
# 公开10表 部门决算公开相关信息统计表 (disclosure_stats): (item, column, printed, unit_source).
DISCLOSURE_STATS = [
    # 一、政府采购情况
    ("合计", "采购金额", "7349093.97", "元"),
    ("货物", "采购金额", "4737445.50", "元"),
    ("工程", "采购金额", "811699.10", "元"),
    ("服务", "采购金额", "1799949.37", "元"),
    # 二、机关运行经费
    ("(一)行政单位", "统计数", "1183793.33", "元"),
    ("(二)参照公务员法管理事业单位", "统计数", "1409396.18", "元"),
    # 三、国有资产占用情况 (counts)
    ("(一)车辆数合计(辆)", "统计数", "5", "辆"),
    ("1.副部(省)级及以上领导用车", "统计数", "", "辆"),
    ("2.主要领导干部用车", "统计数", "", "辆"),
    ("3.机要通信用车", "统计数", "", "辆"),
    ("4.应急保障用车", "统计数", "", "辆"),
    ("5.执法执勤用车", "统计数", "1", "辆"),
    ("6.特种专业技术用车", "统计数", "", "辆"),
    ("7.离退休干部用车", "统计数", "", "辆"),
    ("8.其他用车", "统计数", "4", "辆"),
    ("(二)单价100万元(含)以上设备(不含车辆)", "统计数", "78", "台(套)"),
]

# ---------------------------------------------------------------------------------------------
# 附件1-3 项目支出绩效自评表 (performance_1..3), printed in 万元.
# funds: (item, 目标申报数, 预算编制数, 全年预算数, 全年执行数, 资金结(转)余, 执行率, 得分) as printed;
# indicators: (三级指标, 分值, 得分); total: the 总分 row's score (column 得分).
PERFORMANCE_FUND_COLUMNS = (
    ("年初预算数/目标申报数", "万元"),
    ("年初预算数/预算编制数", "万元"),
    ("全年预算数", "万元"),
    ("全年执行数", "万元"),
    ("资金结(转)余", "万元"),
    ("执行率", "%"),
    ("得分", "分"),
)
PERFORMANCE = {
    # 附件1 金保工程信息系统日常运营维护. The fund-source row is printed one cell to the left of the
    # 资金总额 row; 信息网络畅通率 and 社保卡持有率 are printed one cell to the left (no 一级指标 cell).
    "performance_1": {
        "title": "金保工程信息系统日常运营维护",
        "grade": "优",
        "funds": [
            ("资金总额", "158.774", "158.774", "100.794", "78.194", "22.6", "77.58", "7.76"),
            ("市县区财政资金", "158.774", "158.774", "100.794", "78.194", "22.6", "77.58", "7.76"),
        ],
        "indicators": [
            ("信息网络软件系统运维数量", "20", "20"),
            ("信息系统全年无安全事故率", "10", "10"),
            ("运行维护时间", "10", "10"),
            ("线路租赁成本", "3", "2.9"),
            ("电费成本", "4", "3.9"),
            ("信息网络畅通率", "10", "10"),
            ("社保卡持有率", "20", "20"),
            ("工作人员满意度", "5", "5"),
            ("持卡人员满意度", "5", "5"),
        ],
        "total": "96.76",
    },
    # 附件2 采暖经费. The fund-source row is printed `市区区财政资金` (sic); the 资金总额 row is printed
    # one cell to the right of the header. `集中供热面积(m ²)` -> item with the space removed.
    # The total row prints `总 分`.
    "performance_2": {
        "title": "采暖经费",
        "grade": "优",
        "funds": [
            ("资金总额", "40", "40", "40", "40", "0", "100", "10"),
            ("市区区财政资金", "40", "40", "40", "40", "0", "100.00", "10.00"),
        ],
        "indicators": [
            ("集中供热面积(m²)", "20", "20"),
            ("室内温度", "10", "10"),
            ("供热时间", "10", "10"),
            ("采暖成本", "10", "10"),
            ("办学社会认可度", "8", "8"),
            ("师生生活保障率", "8", "8"),
            ("空气污染", "8", "8"),
            ("可持续性", "6", "6"),
            ("师生满意度(%)", "10", "10"),
        ],
        "total": "100",
    },
    # 附件3 就业见习补助资金…. The indicator block's header and several rows are printed shifted
    # (the 绩效指标 cell sits on the second row; 领取失业动态监测费标准(元/人/月), 领取实习实训补贴人/月/数
    # and 享受待遇人员满意度 start one or two cells left); the item is still the indicator name.
    "performance_3": {
        "title": "就业见习补助资金、失业动态监测调查费、大学生实习实训生活补贴经费",
        "grade": "优",
        "funds": [
            ("资金总额", "298", "298", "298", "298", "0", "100", "10"),
            ("市县区财政资金", "298", "298", "298", "298", "0", "100.00", "10.00"),
        ],
        "indicators": [
            ("青年就业、见习补贴人数(人)", "10", "9.5"),
            ("领取失业动态监测费户数", "5", "5"),
            ("实训实习生人数", "5", "5"),
            ("上岗人员上岗资料符合率", "5", "5"),
            ("享受待遇符合率", "5", "5"),
            ("根据资金到位情况发放", "10", "10"),
            ("领取见习补贴人/月/数", "4", "4"),
            ("领取失业动态监测费标准(元/人/月)", "2", "2"),
            ("领取实习实训补贴人/月/数", "4", "4"),
            ("缓解青年就业压力", "15", "15"),
            ("发挥稳就业促就业的作用", "15", "15"),
            ("享受待遇人员满意度", "10", "10"),
        ],
        "total": "99.5",
    },
}

# ---------------------------------------------------------------------------------------------
# Facts per table, counted by hand as the non-empty numeric cells of each printed table
# (行次/栏次 never count; `——` and empty cells never count):
#   01: 收入 5 rows with a number + 支出 10 rows                                      = 15
#   02: 合计 4 cells; 7 coded rows with 3 cells (205 20503 2050303 208 20801 2080105
#       2080199); the other 26 of the 33 coded rows 2 cells: 4 + 21 + 52               = 77
#   03: 9 rows with 3 cells (合计 205 20503 2050303 208 20801 2080101 2080105 2080199);
#       the other 25 coded rows 2 cells: 27 + 50                                       = 77
#   04: 收入 3 (一、一般公共预算财政拨款, 本年收入合计, 收入总计) + 支出 8 rows x 2     = 19
#   05: 8 rows with 3 cells (合计 205 20503 2050303 208 20801 2080101 2080199);
#       the other 26 coded rows 2 cells: 24 + 52                                       = 76
#   06: group 1: 20 rows x 2 - 2 (30308, 30311 no 基本支出) = 38; group 2: 23 x 2 - 2
#       (30203, 30227) = 44; group 3: 310 31002 31003 = 6; group 4: 31022 = 1;
#       人员经费合计 + 公用经费合计 = 4                                                  = 93
#   07: 预算数 合计/小计/运行维护费/接待费 4 + 决算数 合计/小计/运行维护费 3            = 7
#   08, 09: 本表无数据                                                                  = 0
#   10: 政府采购 4 + 机关运行经费 2 + 车辆 5/1/4 + 设备 78                             = 10
#   附件1: funds 2 rows x 7 + 9 indicators x 2 + 总分                                = 33
#   附件2: funds 2 rows x 7 + 9 indicators x 2 + 总分                                = 33
#   附件3: funds 2 rows x 7 + 12 indicators x 2 + 总分                               = 39
FACT_COUNTS = {
    "income_expenditure_summary": 15,
    "income": 77,
    "expenditure": 77,
    "fiscal_summary": 19,
    "general_budget_expenditure": 76,
    "general_budget_economic": 93,
    "three_public": 7,
    "government_fund": 0,
    "state_capital": 0,
    "disclosure_stats": 10,
    "performance_1": 33,
    "performance_2": 33,
    "performance_3": 39,
}
TABLE_KEYS = tuple(FACT_COUNTS)
NATIONAL_TABLES = TABLE_KEYS[:10]
PERFORMANCE_TABLES = TABLE_KEYS[10:]

# Cells printed empty or `——` that must have no fact (spot checks beyond the rows above).
EMPTY_CELLS = [
    ("income_expenditure_summary", "收入", "", "二、政府性基金预算财政拨款收入", "决算数"),
    ("income_expenditure_summary", "收入", "", "使用非财政拨款结余", "决算数"),
    ("income_expenditure_summary", "收入", "", "年初结转和结余", "决算数"),
    ("income_expenditure_summary", "支出", "", "一、一般公共服务支出", "决算数"),
    ("fiscal_summary", "收入", "", "年初财政拨款结转和结余", "决算数"),
    ("fiscal_summary", "支出", "", "年末财政拨款结转和结余", "合计"),
    ("general_budget_economic", "", "30106", "伙食补助费", "合计"),
    ("general_budget_economic", "", "30212", "因公出国（境）费用", "合计"),
    ("general_budget_economic", "", "309", "资本性支出（基本建设）", "合计"),
    ("general_budget_economic", "", "309", "资本性支出（基本建设）", "基本支出"),  # ——
    ("general_budget_economic", "", "311", "对企业补助（基本建设）", "基本支出"),  # ——
    ("general_budget_economic", "", "31022", "无形资产购置", "基本支出"),
]


# ---------------------------------------------------------------------------------------------
# Expected cells, flattened from the literals above.

class Cell(NamedTuple):
    table: str
    side: str
    code: str
    item: str
    column: str
    printed: str  # as printed; "" = empty cell, no fact
    unit_source: str

    @property
    def value(self) -> Decimal | None:
        if self.printed == "":
            return None
        printed = Decimal(self.printed)
        return printed * WAN if self.unit_source == "万元" else printed

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.table, self.side, self.code, self.item, self.column)


def _coded_rows(table, columns, row):
    code, item, *printed = row
    assert len(printed) == len(columns), f"{table} {code} {item}: {len(printed)} cells typed"
    return [Cell(table, "", code, item, column, p, "元") for column, p in zip(columns, printed)]


def cells_income_expenditure_summary(row):
    side, item, printed = row
    return [Cell("income_expenditure_summary", side, "", item, "决算数", printed, "元")]


def cells_income(row):
    return _coded_rows("income", INCOME_COLUMNS, row)


def cells_expenditure(row):
    return _coded_rows("expenditure", EXPENDITURE_COLUMNS, row)


def cells_fiscal_summary_income(row):
    item, printed = row
    return [Cell("fiscal_summary", "收入", "", item, "决算数", printed, "元")]


def cells_fiscal_summary_expenditure(row):
    item, *printed = row
    assert len(printed) == len(FISCAL_SUMMARY_EXPENDITURE_COLUMNS)
    return [Cell("fiscal_summary", "支出", "", item, column, p, "元")
            for column, p in zip(FISCAL_SUMMARY_EXPENDITURE_COLUMNS, printed)]


def cells_general_budget_expenditure(row):
    return _coded_rows("general_budget_expenditure", GENERAL_BUDGET_EXPENDITURE_COLUMNS, row)


def cells_general_budget_economic(row):
    return _coded_rows("general_budget_economic", GENERAL_BUDGET_ECONOMIC_COLUMNS, row)


def cells_three_public(row):
    item, budget, actual = row
    return [Cell("three_public", "", "", item, "预算数", budget, "元"),
            Cell("three_public", "", "", item, "决算数", actual, "元")]


def cells_disclosure_stats(row):
    item, column, printed, unit = row
    return [Cell("disclosure_stats", "", "", item, column, printed, unit)]


def cells_performance_funds(table, row):
    item, *printed = row
    assert len(printed) == len(PERFORMANCE_FUND_COLUMNS)
    return [Cell(table, "", "", item, column, p, unit)
            for (column, unit), p in zip(PERFORMANCE_FUND_COLUMNS, printed)]


def cells_performance_indicator(table, row):
    item, weight, score = row
    return [Cell(table, "", "", item, "分值", weight, "分"),
            Cell(table, "", "", item, "得分", score, "分")]


def cells_performance_total(table):
    return [Cell(table, "", "", "总分", "得分", PERFORMANCE[table]["total"], "分")]


def _all_cells() -> list[Cell]:
    cells: list[Cell] = []
    for row in INCOME_EXPENDITURE_SUMMARY:
        cells += cells_income_expenditure_summary(row)
    for row in INCOME:
        cells += cells_income(row)
    for row in EXPENDITURE:
        cells += cells_expenditure(row)
    for row in FISCAL_SUMMARY_INCOME:
        cells += cells_fiscal_summary_income(row)
    for row in FISCAL_SUMMARY_EXPENDITURE:
        cells += cells_fiscal_summary_expenditure(row)
    for row in GENERAL_BUDGET_EXPENDITURE:
        cells += cells_general_budget_expenditure(row)
    for row in GENERAL_BUDGET_ECONOMIC:
        cells += cells_general_budget_economic(row)
    for row in THREE_PUBLIC:
        cells += cells_three_public(row)
    for row in DISCLOSURE_STATS:
        cells += cells_disclosure_stats(row)
    for table, spec in PERFORMANCE.items():
        for row in spec["funds"]:
            cells += cells_performance_funds(table, row)
        for row in spec["indicators"]:
            cells += cells_performance_indicator(table, row)
        cells += cells_performance_total(table)
    return cells


ALL_CELLS = _all_cells()
EXPECTED_FACTS = {c.key: c for c in ALL_CELLS if c.printed != ""}


def expected(table, side, code, item, column) -> Decimal:
    """An expected value from the literals above (for the arithmetic ties)."""
    return EXPECTED_FACTS[(table, side, code, item, column)].value


# ---------------------------------------------------------------------------------------------
# Fixtures and look-up helpers

def _blank(x):
    """'' for an empty key cell, whatever the frame uses for it (None, NaN, pd.NA, '')."""
    if x is None:
        return ""
    try:
        if pd.isna(x):
            return ""
    except (TypeError, ValueError):
        pass
    return x


@pytest.fixture(scope="module")
def doc():
    return juesuan.load(DOC_ID)


@pytest.fixture(scope="module")
def facts(doc):
    """doc.facts with side and code normalised so that an empty key is ''."""
    frame = doc.facts.copy()
    frame["side"] = frame["side"].map(_blank)
    frame["code"] = frame["code"].map(_blank)
    return frame


def _key_text(table, side, code, item, column) -> str:
    return f"table={table!r} side={side!r} code={code!r} item={item!r} column={column!r}"


def matching(facts, table, side, code, item, column) -> pd.DataFrame:
    return facts[(facts["table"] == table) & (facts["side"] == side) & (facts["code"] == code)
                 & (facts["item"] == item) & (facts["column"] == column)]


def fact_row(facts, table, side, code, item, column) -> pd.Series:
    """The one fact with this key; fails naming the key when none or several match."""
    rows = matching(facts, table, side, code, item, column)
    if len(rows) != 1:
        pytest.fail(f"{len(rows)} facts (expected exactly 1) for {_key_text(table, side, code, item, column)}"
                    + ("" if rows.empty else "\n" + rows.to_string()))
    return rows.iloc[0]


def fact(facts, table, side, code, item, column) -> Decimal:
    """The value of the one fact with this key."""
    return fact_row(facts, table, side, code, item, column)["value"]


def check_cells(facts, cells: list[Cell]) -> None:
    """Every printed cell of a row has exactly one fact with the typed value and unit; every empty
    cell has none. Reports all mismatches of the row at once."""
    problems = []
    for cell in cells:
        rows = matching(facts, *cell.key)
        where = _key_text(*cell.key)
        if cell.printed == "":
            if len(rows):
                problems.append(f"printed empty, but {len(rows)} fact(s): {where}: {list(rows['value'])}")
            continue
        if len(rows) != 1:
            problems.append(f"{len(rows)} facts (expected 1, printed {cell.printed}): {where}")
            continue
        row = rows.iloc[0]
        if not isinstance(row["value"], Decimal):
            problems.append(f"value {row['value']!r} is {type(row['value']).__name__}, not Decimal: {where}")
        elif row["value"] != cell.value:
            problems.append(f"value {row['value']} != {cell.value} (printed {cell.printed}): {where}")
        if row["unit_source"] != cell.unit_source:
            problems.append(f"unit_source {row['unit_source']!r} != {cell.unit_source!r}: {where}")
    if problems:
        pytest.fail("\n".join(problems))


def _ids(rows, width=2):
    return [" ".join(str(x) for x in row[:width] if x != "") for row in rows]


# ---------------------------------------------------------------------------------------------
# 公开01表 收入支出决算总表

@pytest.mark.parametrize("row", INCOME_EXPENDITURE_SUMMARY, ids=_ids(INCOME_EXPENDITURE_SUMMARY))
def test_income_expenditure_summary(facts, row):
    check_cells(facts, cells_income_expenditure_summary(row))


def test_income_expenditure_summary_ties():
    # 本年收入合计 85813977.30 = 84386179.09 + 1272731.00 + 155067.21
    t = "income_expenditure_summary"
    assert expected(t, "收入", "", "本年收入合计", "决算数") == (
        expected(t, "收入", "", "一、一般公共预算财政拨款收入", "决算数")
        + expected(t, "收入", "", "五、事业收入", "决算数")
        + expected(t, "收入", "", "八、其他收入", "决算数"))
    # 支出 总计 85813977.30 = 本年支出合计 84968418.97 + 结余分配 694374.90 + 年末结转和结余 151183.43
    assert expected(t, "支出", "", "总计", "决算数") == (
        expected(t, "支出", "", "本年支出合计", "决算数")
        + expected(t, "支出", "", "结余分配", "决算数")
        + expected(t, "支出", "", "年末结转和结余", "决算数"))
    # 本年支出合计 = the six printed 支出 classes
    classes = ["五、教育支出", "八、社会保障和就业支出", "九、卫生健康支出", "十二、农林水支出",
               "十九、住房保障支出", "二十三、其他支出"]
    assert expected(t, "支出", "", "本年支出合计", "决算数") == sum(
        expected(t, "支出", "", c, "决算数") for c in classes)


# ---------------------------------------------------------------------------------------------
# 公开02表 收入决算表

@pytest.mark.parametrize("row", INCOME, ids=_ids(INCOME))
def test_income(facts, row):
    check_cells(facts, cells_income(row))


def test_income_ties():
    t = "income"
    # 合计 本年收入合计 85813977.30 = 财政拨款收入 84386179.09 + 事业收入 1272731.00 + 其他收入 155067.21
    assert expected(t, "", "", "合计", "本年收入合计") == (
        expected(t, "", "", "合计", "财政拨款收入") + expected(t, "", "", "合计", "事业收入")
        + expected(t, "", "", "合计", "其他收入"))
    # 合计 = the six 类 205 + 208 + 210 + 213 + 221 + 229
    classes = [("205", "教育支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
               ("213", "农林水支出"), ("221", "住房保障支出"), ("229", "其他支出")]
    assert expected(t, "", "", "合计", "本年收入合计") == sum(
        expected(t, "", code, item, "本年收入合计") for code, item in classes)
    # 2080105 劳动保障监察 102530.01 = 99969.80 + 2560.21
    assert expected(t, "", "2080105", "劳动保障监察", "本年收入合计") == (
        expected(t, "", "2080105", "劳动保障监察", "财政拨款收入")
        + expected(t, "", "2080105", "劳动保障监察", "其他收入"))


# ---------------------------------------------------------------------------------------------
# 公开03表 支出决算表

@pytest.mark.parametrize("row", EXPENDITURE, ids=_ids(EXPENDITURE))
def test_expenditure(facts, row):
    check_cells(facts, cells_expenditure(row))


def test_expenditure_ties():
    t = "expenditure"
    # every row with 基本支出 and 项目支出: 本年支出合计 = 基本支出 + 项目支出
    for code, item, total, basic, project, *_ in EXPENDITURE:
        assert Decimal(total) == Decimal(basic or 0) + Decimal(project or 0), (code, item)
    # 合计 84968418.97 = 205 + 208 + 210 + 213 + 221 + 229
    classes = [("205", "教育支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
               ("213", "农林水支出"), ("221", "住房保障支出"), ("229", "其他支出")]
    assert expected(t, "", "", "合计", "本年支出合计") == sum(
        expected(t, "", code, item, "本年支出合计") for code, item in classes)


# ---------------------------------------------------------------------------------------------
# 公开04表 财政拨款收入支出决算总表

@pytest.mark.parametrize("row", FISCAL_SUMMARY_INCOME, ids=_ids(FISCAL_SUMMARY_INCOME, 1))
def test_fiscal_summary_income(facts, row):
    check_cells(facts, cells_fiscal_summary_income(row))


@pytest.mark.parametrize("row", FISCAL_SUMMARY_EXPENDITURE, ids=_ids(FISCAL_SUMMARY_EXPENDITURE, 1))
def test_fiscal_summary_expenditure(facts, row):
    check_cells(facts, cells_fiscal_summary_expenditure(row))


def test_fiscal_summary_ties():
    t = "fiscal_summary"
    # 本年支出合计 84386179.09 = 25552618.58 + 55307278.92 + 1152660.87 + 58810.00 + 2179836.72 + 134974.00
    classes = ["五、教育支出", "八、社会保障和就业支出", "九、卫生健康支出", "十二、农林水支出",
               "十九、住房保障支出", "二十三、其他支出"]
    assert expected(t, "支出", "", "本年支出合计", "合计") == sum(
        expected(t, "支出", "", c, "合计") for c in classes)
    assert expected(t, "收入", "", "收入总计", "决算数") == expected(t, "支出", "", "总计", "合计")


# ---------------------------------------------------------------------------------------------
# 公开05表 一般公共预算财政拨款支出决算表

@pytest.mark.parametrize("row", GENERAL_BUDGET_EXPENDITURE, ids=_ids(GENERAL_BUDGET_EXPENDITURE))
def test_general_budget_expenditure(facts, row):
    check_cells(facts, cells_general_budget_expenditure(row))


def test_general_budget_expenditure_ties():
    t = "general_budget_expenditure"
    # every row: 合计 (小计) = 基本支出 + 项目支出
    for code, item, total, basic, project in GENERAL_BUDGET_EXPENDITURE:
        assert Decimal(total) == Decimal(basic or 0) + Decimal(project or 0), (code, item)
    # 合计 84386179.09 = 205 + 208 + 210 + 213 + 221 + 229
    classes = [("205", "教育支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
               ("213", "农林水支出"), ("221", "住房保障支出"), ("229", "其他支出")]
    assert expected(t, "", "", "合计", "合计") == sum(
        expected(t, "", code, item, "合计") for code, item in classes)


# ---------------------------------------------------------------------------------------------
# 公开06表 一般公共预算财政拨款支出决算明细表

@pytest.mark.parametrize("row", GENERAL_BUDGET_ECONOMIC, ids=_ids(GENERAL_BUDGET_ECONOMIC))
def test_general_budget_economic(facts, row):
    check_cells(facts, cells_general_budget_economic(row))


def test_general_budget_economic_ties():
    t = "general_budget_economic"
    for column in GENERAL_BUDGET_ECONOMIC_COLUMNS:
        # 人员经费合计 61413144.36 = 301 32851505.14 + 303 28561639.22 (基本支出 likewise)
        assert expected(t, "", "", "人员经费合计", column) == (
            expected(t, "", "301", "工资福利支出", column)
            + expected(t, "", "303", "对个人和家庭的补助", column))
        # 公用经费合计 22973034.73 = 302 17183399.28 + 310 5789635.45 (基本支出 likewise)
        assert expected(t, "", "", "公用经费合计", column) == (
            expected(t, "", "302", "商品和服务支出", column)
            + expected(t, "", "310", "资本性支出", column))
    # each 类 = its 款 (合计 column); 31022 sits in the 4th group but belongs to 310
    for parent in ("301", "302", "303", "310"):
        rows = [r for r in GENERAL_BUDGET_ECONOMIC if r[0].startswith(parent)]
        head, children = rows[0], rows[1:]
        assert head[0] == parent
        assert Decimal(head[2]) == sum(Decimal(r[2]) for r in children), parent
    # 人员经费合计 基本支出 + 公用经费合计 基本支出 = 公开05表 合计 基本支出 39269574.22
    assert (expected(t, "", "", "人员经费合计", "基本支出")
            + expected(t, "", "", "公用经费合计", "基本支出")
            == expected("general_budget_expenditure", "", "", "合计", "基本支出"))


# ---------------------------------------------------------------------------------------------
# 公开07表 财政拨款“三公”经费支出决算表

@pytest.mark.parametrize("row", THREE_PUBLIC, ids=_ids(THREE_PUBLIC, 1))
def test_three_public(facts, row):
    check_cells(facts, cells_three_public(row))


def test_three_public_ties():
    t = "three_public"
    # 预算数 合计 121200.00 = 小计 120000.00 + 公务接待费 1200.00
    assert expected(t, "", "", "合计", "预算数") == (
        expected(t, "", "", "公务用车购置及运行维护费", "预算数")
        + expected(t, "", "", "公务接待费", "预算数"))
    # 决算数 合计 102573.57 = 公务用车运行维护费 102573.57 (the only printed 决算数 item)
    assert expected(t, "", "", "合计", "决算数") == expected(t, "", "", "公务用车运行维护费", "决算数")


# ---------------------------------------------------------------------------------------------
# 公开08表 政府性基金预算财政拨款收入支出决算表, 公开09表 国有资本经营预算财政拨款支出决算表:
# both print 本表无数据: present and empty, not missing.

@pytest.mark.parametrize("table", EMPTY_TABLES)
def test_empty_tables(doc, facts, table):
    assert (facts["table"] == table).sum() == 0
    assert table in doc.meta["tables"], f"{table} missing from meta['tables']"
    assert doc.meta["tables"][table]["status"] == "empty"


# ---------------------------------------------------------------------------------------------
# 公开10表 部门决算公开相关信息统计表

@pytest.mark.parametrize("row", DISCLOSURE_STATS, ids=_ids(DISCLOSURE_STATS, 1))
def test_disclosure_stats(facts, row):
    check_cells(facts, cells_disclosure_stats(row))


def test_disclosure_stats_ties():
    t = "disclosure_stats"
    # 政府采购 合计 7349093.97 = 货物 4737445.50 + 工程 811699.10 + 服务 1799949.37
    assert expected(t, "", "", "合计", "采购金额") == (
        expected(t, "", "", "货物", "采购金额") + expected(t, "", "", "工程", "采购金额")
        + expected(t, "", "", "服务", "采购金额"))
    # 车辆数合计 5 = 执法执勤用车 1 + 其他用车 4
    assert expected(t, "", "", "(一)车辆数合计(辆)", "统计数") == (
        expected(t, "", "", "5.执法执勤用车", "统计数") + expected(t, "", "", "8.其他用车", "统计数"))


# ---------------------------------------------------------------------------------------------
# 附件1-3 项目支出绩效自评表

PERFORMANCE_FUND_ROWS = [(t, row) for t, spec in PERFORMANCE.items() for row in spec["funds"]]
PERFORMANCE_INDICATOR_ROWS = [(t, row) for t, spec in PERFORMANCE.items() for row in spec["indicators"]]


@pytest.mark.parametrize("table,row", PERFORMANCE_FUND_ROWS,
                         ids=[f"{t} {row[0]}" for t, row in PERFORMANCE_FUND_ROWS])
def test_performance_funds(facts, table, row):
    check_cells(facts, cells_performance_funds(table, row))


@pytest.mark.parametrize("table,row", PERFORMANCE_INDICATOR_ROWS,
                         ids=[f"{t} {row[0]}" for t, row in PERFORMANCE_INDICATOR_ROWS])
def test_performance_indicators(facts, table, row):
    check_cells(facts, cells_performance_indicator(table, row))


@pytest.mark.parametrize("table", PERFORMANCE_TABLES)
def test_performance_total_and_meta(doc, facts, table):
    check_cells(facts, cells_performance_total(table))
    meta = doc.meta["tables"][table]
    assert meta["grade"] == PERFORMANCE[table]["grade"]
    assert meta["project"] == PERFORMANCE[table]["title"]  # the 项目名称 row
    assert meta["title"] == PERFORMANCE[table]["title"] + "项目支出绩效自评表"


@pytest.mark.parametrize("table", PERFORMANCE_TABLES)
def test_performance_ties(table):
    # 全年预算数 = 全年执行数 + 资金结(转)余, e.g. 附件1 100.794 = 78.194 + 22.6 (万元)
    for item, *_ in PERFORMANCE[table]["funds"]:
        assert expected(table, "", "", item, "全年预算数") == (
            expected(table, "", "", item, "全年执行数") + expected(table, "", "", item, "资金结(转)余"))
    if table == "performance_1":
        # 附件1's printed scores do not add up (indicator 分值 87 + funds 10 = 97; 得分 86.8 + 7.76
        # = 94.56, but 总分 prints 96.76), so only the funds tie is checked for it.
        return
    # 分值 of the indicators + the funds row's 10 = 100; 得分 likewise sum to 总分
    indicators = PERFORMANCE[table]["indicators"]
    funds_score = expected(table, "", "", "资金总额", "得分")
    assert sum(Decimal(w) for _, w, _ in indicators) + funds_score == Decimal(100)
    assert sum(Decimal(s) for _, _, s in indicators) + funds_score == expected(table, "", "", "总分", "得分")


# ---------------------------------------------------------------------------------------------
# The same printed figure, looked up in the facts, agrees across tables

def test_cross_table_agreement(facts):
    # 一般公共预算财政拨款: 01 收入 = 04 收入 = 05 合计 = 84386179.09
    assert (fact(facts, "income_expenditure_summary", "收入", "", "一、一般公共预算财政拨款收入", "决算数")
            == fact(facts, "fiscal_summary", "收入", "", "一、一般公共预算财政拨款", "决算数")
            == fact(facts, "general_budget_expenditure", "", "", "合计", "合计")
            == Decimal("84386179.09"))
    # 支出: 01 本年支出合计 = 03 合计 = 84968418.97
    assert (fact(facts, "income_expenditure_summary", "支出", "", "本年支出合计", "决算数")
            == fact(facts, "expenditure", "", "", "合计", "本年支出合计")
            == Decimal("84968418.97"))
    # 公务用车运行维护费: 06 30231 金额 = 07 决算数 = 102573.57
    assert (fact(facts, "general_budget_economic", "", "30231", "公务用车运行维护费", "合计")
            == fact(facts, "three_public", "", "", "公务用车运行维护费", "决算数")
            == Decimal("102573.57"))


# ---------------------------------------------------------------------------------------------
# Cells printed empty / `——`

@pytest.mark.parametrize("key", EMPTY_CELLS, ids=[f"{k[0]} {k[2]} {k[3]} {k[4]}" for k in EMPTY_CELLS])
def test_empty_cells_have_no_fact(facts, key):
    rows = matching(facts, *key)
    assert rows.empty, f"printed empty, but found facts for {_key_text(*key)}:\n{rows.to_string()}"


# ---------------------------------------------------------------------------------------------
# Nothing lost, nothing invented

def test_expected_literals_match_hand_counts():
    """The literals above hold exactly the hand-counted number of printed cells per table."""
    typed = {t: 0 for t in TABLE_KEYS}
    for cell in ALL_CELLS:
        if cell.printed != "":
            typed[cell.table] += 1
    assert typed == FACT_COUNTS
    assert len(EXPECTED_FACTS) == sum(FACT_COUNTS.values()) == 479  # no key typed twice


@pytest.mark.parametrize("table", TABLE_KEYS)
def test_fact_count_per_table(facts, table):
    n = int((facts["table"] == table).sum())
    assert n == FACT_COUNTS[table], f"{table}: {n} facts, but {FACT_COUNTS[table]} printed numbers"


@pytest.mark.parametrize("table", TABLE_KEYS)
def test_fact_keys_per_table(facts, table):
    """The facts' keys are exactly the typed keys: names what is missing and what is extra."""
    got = {(r.table, r.side, r.code, r.item, r.column)
           for r in facts[facts["table"] == table].itertuples(index=False)}
    want = {k for k in EXPECTED_FACTS if k[0] == table}
    missing, extra = sorted(want - got), sorted(got - want)
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


def test_no_other_tables(facts):
    assert set(facts["table"]) <= set(TABLE_KEYS)
    assert len(facts) == sum(FACT_COUNTS.values())


# ---------------------------------------------------------------------------------------------
# Columns common to every fact

def test_doc_id_everywhere(facts):
    assert set(facts["doc_id"]) == {DOC_ID}


def test_values_are_decimal(doc):
    bad = [v for v in doc.facts["value"] if not isinstance(v, Decimal)]
    assert not bad, f"{len(bad)} values are not Decimal, e.g. {bad[:3]!r}"


def test_units(facts):
    # money in tables 01-09 is printed in 元
    national = facts[facts["table"].isin(NATIONAL_TABLES[:9])]
    assert set(national["unit_source"]) == {"元"}
    # 公开10表: 元 for 采购金额 and 机关运行经费, 辆 / 台(套) for the counts
    stats = facts[facts["table"] == "disclosure_stats"]
    assert sorted(stats["unit_source"]) == sorted(["元"] * 6 + ["辆"] * 3 + ["台(套)"])
    # 附件: money in 万元, 执行率 %, scores 分
    perf = facts[facts["table"].isin(PERFORMANCE_TABLES)]
    for column, unit in PERFORMANCE_FUND_COLUMNS:
        assert set(perf.loc[perf["column"] == column, "unit_source"]) == {unit}, column
    assert set(perf.loc[perf["column"].isin(["分值", "得分"]), "unit_source"]) == {"分"}


def test_side_only_on_two_sided_tables(facts):
    two_sided = facts["table"].isin(["income_expenditure_summary", "fiscal_summary"])
    assert set(facts.loc[two_sided, "side"]) == {"收入", "支出"}
    assert set(facts.loc[~two_sided, "side"]) == {""}


def test_codes_are_digit_strings(doc):
    codes = [_blank(c) for c in doc.facts["code"]]
    bad = [c for c in codes if not (c == "" or (isinstance(c, str) and c.isdigit()))]
    assert not bad, f"codes that are not digit strings: {bad[:5]!r}"


def test_no_pages_for_the_text_export(doc):
    assert all(_blank(p) == "" for p in doc.facts["page"])


# ---------------------------------------------------------------------------------------------
# meta

def test_meta_document(doc):
    meta = doc.meta
    assert meta["department"] == "忻州市人力资源和社会保障局"
    assert meta["year"] == 2022
    assert meta["kind"] == "决算"
    assert meta["layout"] == "national"
    assert meta["sha256"] == hashlib.sha256(SOURCE.read_bytes()).hexdigest()


@pytest.mark.parametrize("table", TABLE_KEYS)
def test_meta_table_units(doc, table):
    # 公开01-10表 print 金额单位：元 (公开07表 across two lines `金额单位：` / `元`; 08/09 `单位：元`);
    # the 附件 print (万元) in the funds header
    assert doc.meta["tables"][table]["unit"] == ("万元" if table in PERFORMANCE_TABLES else "元")
