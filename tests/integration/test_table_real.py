"""The table reader on every real table of tests/corpus/real, worked out by hand from the YAML transcriptions:
indicator rows (names, weights, declared scores), placeholders, funds lines and their parents, header fields and
footer totals."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from corpus.build import build
from corpus.transcript import REAL

from perfxl.locate.table import read_sheet
from perfxl.locate.tabular import SheetTables
from perfxl.read.grid import read_sheets
from perfxl.read.values import parse_number
from perfxl.rules import load_rules


@dataclass(frozen=True)
class Expected:
    """What one transcription holds, by hand: the sheet's first table and first funds block."""

    names: tuple[str, ...]  # first and last indicator names
    weights: tuple[float | None, ...]
    scores: tuple[float | None, ...]
    placeholders: int = 0
    funds: tuple[tuple[str, int | None], ...] = ()  # (label, parent index) of each line
    fields: dict[str, object] = field(default_factory=dict)
    footer: tuple[float | None, float | None] | None = None  # (Σ 分值, Σ 得分) printed in the first footer
    level1_weights: tuple[float, ...] = ()  # distinct 一级 weights written in the level cells, in order
    table: bool = True  # False: the sheet holds a funds block alone (a copy cut off under it)


TEN = (10.0,)
EXPECTED: dict[str, Expected] = {
    "dept-anhui-jinzhai-chagu-2023-ziping": Expected(
        ("指标1:开展精品示范村建设数量", "指标2:完成户用卫生厕所改造验收时间"),
        (10, 10, 10, 10, 5, 5, 5, 5),
        (10, 10, 10, 10, 5, 5, 5, 5),
        funds=(("年度资金总额", None), ("其中:当年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"unit": "金寨县茶谷和美丽乡村建设服务中心"},
    ),
    "dept-anhui-shouxian-2023-ziping": Expected(
        ("基础信息 完整性", "年度绩效 目标明确性"), (3, 3, 3, 4, 2), (3, 3, 3, 4, 2), level1_weights=(15,)
    ),
    "dept-chongqing-kexuecheng-rongmeiti-2021-ziping": Expected(  # 重庆: 指标权重 × 得分系数, one unlabelled funds line
        ("财政供养人员控制率", "业务保障能力提升"),
        (2, 2, 1, 2, 2, 2, 2, 2, 2, 3, 5, 1, 2, 2, 5, 10, 5, 10, 10),
        (2, 2, 1, 2, 2, 2, 2, 2, 2, 3, 5, 1, 2, 2, 5, 10, 5, 10, 10),
        funds=(("部门预算执行情况", None),),  # the caption merged down beside it names it
        fields={"declared_total": 97.6},
    ),
    "dept-hubei-tongcheng-tanghu-2020-ziping": Expected(  # 湖北: 得分 with no 分值 column; 总分 "100分"
        ("办结信访案件", "群众对政府工作满意度"),
        (None,) * 6,
        (10, 20, 10, 10, 10, 20),
        funds=(("部门整体支出总额", None),),
        fields={"unit": "塘湖镇政府"},  # "单位名称:塘湖镇政府", the first of its two 单位名称
        footer=(None, 100),
    ),
    # cut off after five rows; its page prints "级指标" (the 一 lost), so the first level read is 二级: 预算配置 13,
    # 预算执行 20
    "dept-hunan-changsha-yuhua-fagaiju-2022-zhibiao": Expected(
        ("在职人员控制率", "新建楼堂馆所面积控制率"), (5, 8, 5, 5, 5), (5, 8, 5, 5, 5), level1_weights=(13, 20)
    ),
    # 衡山 附件二: the captions print their lists' sums and each figure follows a colon in its label's cell; the items
    # are read a row at a time, the 收入 side's under its caption (line 1), the 支出 side's under line 2
    "dept-hunan-hengshan-guantang-2023-basedata": Expected(
        (),
        (),
        (),
        funds=(
            ("年度资金总额", None),
            ("按收入性质分", 0),
            ("按支出性质分", 0),
            ("一般公共预算", 1),
            ("基本支出", 2),
            ("政府性基金拨款", 1),
            ("项目支出", 2),
            ("纳入专户管理的非税收入拨款", 1),
            ("其他资金", 1),
        ),
        table=False,
    ),
    "dept-fujian-ningde-dizhenju-2020-ziping": Expected(  # 福建: the 合计 printed last is the funds tree's root
        ("抽查全市地震监测台站运维情况个数", "开展防震减灾科普“进基层”宣传活动场数"),
        (6, 6),
        (6, 6),
        funds=(("合 计", None), ("财政资金小计", 0), ("① 项目支出", 1), ("② 基本支出", 1), ("2.单位其它收入", 0)),
        fields={"unit": "宁德市地震局"},
    ),
    "dept-fujian-ningde-fangzhiwei-2018-ziping": Expected(  # cut off under the indicator header
        (),
        (),
        (),
        funds=(("合 计", None), ("财政资金小计", 0), ("②市级财政资金", 1)),  # blank ①, ③, 其他资金 left out
        fields={"unit": "中共宁德市委党史和地方志研究室"},
    ),
    "dept-hunan-jingxinwei-2015-pingfen": Expected(
        ("在职人员控制率", "预算完成率"),
        (5, 8, 5),
        (5, 8, 3),
        fields={"unit": "湖南省经济和信息化委员会"},
        level1_weights=(13, 64),
    ),
    "dept-hunan-yueyang-glj-pingfen": Expected(
        ("财政供养人员\n控制率", "资金使用\n合规性"),
        (5, 5, 5, 3, 3, 3, 6, 3, 3),
        (5, 5, 5, 3, 3, 3, 6, 3, 3),
        level1_weights=(15, 40),
    ),
    "dept-sichuan-daying-zonggonghui-2020": Expected(
        ("目标制定", "编制准确"), (10, 10, 10), (9, 8, 9.8), level1_weights=(80,)
    ),
    "dept-unknown-2018-basedata-wanglu-462766": Expected(
        ("在职人员控制率", "预算完成率"), (8, 8, 8), (8, 0, 8), level1_weights=(16, 58)
    ),
    "proj-anhui-suixi-2019-linshijiuzhu": Expected(  # 分值 before 年度指标值; the last row cut off before its 得分
        ("★★★农村低保发放人数(按月平均)(≥**人)", "★受助对象满意度(≥**%)"),
        (5, 5, 5, 5, 10, 5, 5, 10, 30, 10),
        (5, 5, 5, 5, 10, 5, 5, 10, 30, None),
        funds=(("年度资金总额:", None), ("其中:本年财政拨款", 0), ("其他资金", 0)),
        fields={"project": "临时救助"},
        level1_weights=(50, 30, 10),
    ),
    "proj-anhui-guichi-tangxi-2022-cunji": Expected(
        ("补助村(社区)数量", "提高村(社区)干部工作积极性的影响程度"),
        (8, 8, 8, 8, 8, 10, 10, 10),
        (8, 8, 8, 8, 8, 10, 10, 10),
        funds=(("年度资金总额:", None), ("其中:本年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"project": "村级补助及运转经费", "unit": "219001-池州市贵池区棠溪镇人民政府"},
        level1_weights=(50, 30),
    ),
    "proj-anhui-guichi-tangxi-2022-weituo": Expected(
        ("基建工程委托业务项目数量", "对推动基建项目“四项制度”健全和落实的持续性影响"),
        (8, 8, 8, 8, 8, 10, 10, 10, 10),
        (8, 8, 8, 8, 8, 10, 10, 10, 10),
        placeholders=1,  # 经济效益指标 printed with nothing under it
        funds=(("年度资金总额:", None), ("其中:本年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"project": "委托业务项目"},
        level1_weights=(50, 30),
    ),
    "proj-anhui-xuancheng-dizhenju-2021-fangzhen": Expected(
        ("指标1:接受业务培训人数", "指标2:科普宣传时限"),
        (10, 10, 10, 10, 5, 5),
        (10, 10, 10, 10, 5, 5),
        funds=(("年度资金总额:", None), ("其中:本年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"project": "防震减灾综合保障", "unit": "宣城市地震局"},
        level1_weights=(50,),  # 一级 written "(50分)" alone
    ),
    "proj-beijing-haidian-xueyuanlu-2016-baojie": Expected(
        (),
        (),
        (),
        funds=(("年度资金总额:", None), ("其中:本年一般公共预算拨款", 0), ("其他资金", 0)),
        fields={"project": "【体制】自管道路清扫保洁外包工作经费"},
    ),
    "proj-hainan-shangwuting-fuwumaoyi": Expected(  # cut off at 项目效益's first row, 经济, before its 分值
        ("目标内容", "经济"),
        (4, 3, 5, 2, 6, 3, 2, 7, 3, 1, 9, 5, 4, 3, 3, None),
        (4, 3, 5, 2, 6, 3, 2, 7, 3, 1, 9, 5, 4, 3, 3, None),
        level1_weights=(20, 25, 55),
    ),
    "proj-hebei-langfang-2019-nuantong": Expected(
        ("指标1工程资金金额", "指标1学生满意度"),
        TEN * 9,
        (9,) + TEN * 8,
        placeholders=17,
        funds=(("年度资金总额", None), ("其中：当年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"project": "办公宿舍楼、食堂及餐厅暖通改造经费", "unit": "廊坊市食品工程学校"},
    ),
    "proj-hubei-huangshi-2022-haimian": Expected(  # no 分值 column: 10 points a row under 年度绩效目标1 (80分)
        ("完成省级宣传片制作;完成实施方案的编制;完成自评估报告", "群众满意度"),
        (None,) * 8,
        (10,) * 8,
        funds=(("年度财政资金总额", None),),
        fields={"project": "黄石市系统化全域海绵城市示范城市的申报工作经费"},
        footer=(None, 99.55),  # "99.55分"
    ),
    "proj-hebei-ningjin-2019-gaozhong-zhuxuejin": Expected(  # 分值 only: no 完成值, no 得分 column
        ("规章制度建立与否", "资助标准达标率"),
        (20, 10, 10, 10, 10, 20, 20),
        (None,) * 7,
        footer=(100, None),  # 总分 printed under 分值 alone
    ),
    "proj-hubei-ezhou-2021-shiminzhongxin": Expected(
        ("预算执行率", "大厅运行正常率"),
        (20, 10, 10, 10, 10, 10),
        (18, 10, 10, 10, 10, 10),
        placeholders=1,  # 时效指标 printed with nothing under it; the wholly blank rows are no rows
        funds=(("年度资金总额", None), ("其中:当年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"project": "市民中心运行维护费", "unit": None},
    ),
    "proj-anhui-xiaoxian-zhangzhuangzhai-2023-hexicun": Expected(  # "其中…" rows under three ★ rows: rows of their own
        ("★补助各类瓜果蔬菜种植面积", "受益人口数量"),
        (20, None, None, None, None, 10, None, 10, None, None, 5, 5, 20, 10),
        (20, None, None, None, None, 10, None, 10, None, None, 5, 5, 20, 10),
        placeholders=6,  # 质量指标, 经济效益指标, 生态效益指标, 可持续影响指标 with nothing under them, and two "……"
        funds=(("年度资金总额：", None), ("其中：本年财政拨款", 0), ("其他资金", 0)),
        fields={"project": "河西村特色种养补贴到户项目", "unit": "张庄寨镇人民政府"},
        level1_weights=(50, 30),
    ),
    "proj-ningxia-yuanzhou-2022-malingshu-zhongshu": Expected(  # cut off inside the 满意度 row
        ("指标1：免费发放原原种", "种薯繁育企业、种植农户调"),
        (8, 8, None, 8, 8, 8, 8, 8, 8, 8, 8, None),
        (8, 8, None, 8, 8, 8, 8, 8, 8, 8, 7, None),
        # the amounts on the 其中 line 自治区补助 (市县资金 printed empty is no line)
        funds=(("年度资金总额", None), ("中央补助", 0), ("自治区补助", 0)),
        # "项目总得分 | 99分" in the title row; "项目实施单位/项目负责人 | 原州区农技中心/杨勃兴"
        fields={"project": "马铃薯种薯繁育示范推广", "unit": "原州区农技中心", "declared_total": 99},
        level1_weights=(40, 20),
    ),
    "proj-ningxia-yinchuan-2021-chuzhong": Expected(
        ("完整性", "使学生和老师有个更好的学习和工作环境,做到"),
        (4, 2, 2, 2, 10, 7, 2, 6, 10, 5, 5, 4, 3, 3, 15, 10),
        (4, 2, 2, 2, 9, 7, 2, 6, 10, 5, 4, 4, 3, 3, 13, 8),
        placeholders=8,
        funds=(("年度资金总额", None),),
        fields={"project": "初中公用经费", "unit": "银川市第六中学", "declared_total": 98},
        level1_weights=(10, 25, 30, 35),
    ),
    "proj-shanxi-jishan-zhaidian-2021-gongwei": Expected(  # 25 quantity rows, then the cut-off 质量指标 row
        ("指标1:居民健康档案", "指标1:提升国家基本"),
        (3, 1, 1, 1, 1, 1, *(2,) * 19, None),
        (3, 1, 1, 1, 1, 1, 2, 1.9, 2, 2, 2, 1.8, 1.8, 1, 1.4, 1.9, 1.8, 1.8, 1.7, 1.8, 2, 1.4, 1.8, 2, 1.7, None),
        funds=(("年度资金总额", None), ("其中:当年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"project": "国家基本公共卫生服务", "unit": "稷山县翟店镇卫生院"},
    ),
    "proj-sichuan-puhuijinrong-zhuanxiang": Expected(  # 权重 printed as shares (20%): read as points
        ("创业担保贷款发放额增长率", "申报创业担保贷款贴息小微企业的满意度"),
        (20, 20, 10, 10, 10, 10, 10, 5, 5),
        (20, 20, 10, 10, 10, 10, 10, 5, 5),
        footer=(None, 100),  # 得分合计 merged across the 权重 column: no 分值 of its own
    ),
    "proj-jiangsu-suzhou-shirong-2016-zaipingjia": Expected(  # 内容 | 指标 | 权重 | 评分结果: no level word at all
        ("预算执行率", "组织管理工作"),
        (*(2.33,) * 11, 2.37, 7, 7, 7, 7, 5.33, 5.33, 5.34, 4, 4, 4, 12, 4),
        (0.15, 2.33, 2.33, 2.03, 1.40, *(2.33,) * 6, 1.42, 7, 7, 0, 5.92, 5.33, 5.33, 5.34, 4, 4, 4, 6, 4),
        fields={"project": "2016 年度公共卫生间翻建大修经费"},
        footer=(100, 81.56),
    ),
    # 贵州: 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分, cut off in its indicator header (a header with no rows:
    # a blank table); the blank 其他 line holds nothing to read
    "dept-guizhou-suiyang-taibai-2021-ziping": Expected(
        (),
        (),
        (),
        funds=(("年度资金总额:", None), ("基本支出", 0), ("项目支出", 0)),
        fields={"unit": "绥阳县太白镇人民政府"},
    ),
    # 湖南 零陵: the national 部门整体 form, its 按收入性质分 / 按支出性质分 lists side by side, each figure after its
    # label's colon with 万元 ("其他资金:2880万元"); cut off in 效益指标
    "dept-hunan-lingling-linye-2021-ziping": Expected(
        ("造林面积", "提高就业率"),
        (10, 7, 7, 7, 7, 6, 6, 6, 6, 6),
        (10, 7, 7, 7, 7, 6, 6, 5, 5, 6),
        placeholders=3,
        funds=(
            ("年度资金总额", None),
            ("一般公共预算", 0),
            ("基本支出", 0),
            ("政府性基金拨款", 0),
            ("项目支出", 0),
            ("纳入专户管理的非税收入拨款", 0),
            ("其他资金", 0),
        ),
        level1_weights=(50, 30),  # "产出指标 (50)", "效益指标 30分)"
    ),
    # 河北 成安: 单项指标得分 | 权重占比(%) | 单项指标折算得分 under a merged 自评得分; the 折算得分 is the
    # row's score, the 权重占比 its weight (read by its header, K), 单项指标实际完成值 the actual; the 预算执行情况
    # section (预算数 | 6.84 | 到位数 | … | 执行数 | 6.84 | 100.00) is a funds block of labels each followed by its
    # figure: one line, the total (河北's layout, as 平山's "预算数: | 95 | 执行数: | 82.65 | 87%")
    "proj-hebei-chengan-2020-gaoling": Expected(
        ("符合条件申报对象覆盖率", "服务对象满意度"),
        (25, 25, 30, 10),
        (6.25, 6.25, 9, 1),
        funds=(("", None),),
        fields={"project": "19名百岁老人高龄津贴"},
    ),
    # 山西 稷山 医保: two amounts for three columns (年初预算数 left blank), "指标1:" before each name, 总分 100 / 94
    "proj-shanxi-jishan-yibao-2020-peitao": Expected(
        ("指标1:全县参合人数", "指标1:是否满意"),
        (15, 15, 10, 10, 30, 10),
        (13, 15, 10, 10, 27, 9),
        funds=(("年度资金总额", None), ("其中:当年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"project": "建档立卡个人缴费县级配套资金"},
        footer=(100, 94),
        level1_weights=(50, 30, 10),
    ),
    # 云南 临翔: five values for six funds columns (年初预算数 left blank), the 其中 row printing 10 | 97.80% | 9 again;
    # cut off in 满意度
    "proj-yunnan-linxiang-2023-shourongsuo": Expected(
        ("野生动物收容所", "项目建成后可持续影响年限"),
        (10, 10, 15, 15, 10, 10, 10),
        (10, 10, 15, 15, 10, 10, 10),
        funds=(("年度资金总额", None), ("其中:当年财政拨款", 0)),
        fields={"project": "2023年马鹿坑国有林场新建野生动物收容所建设项目"},
    ),
    # 云南 保山: no 分值 column (the 一级 labels carry 60 / 10 / 10), the funds' 20 points in the caption and
    # the 得分(20分*执行率) header; an empty row closes each group; 总分(100分) | 100 | 自评等级 | 优 on one row:
    # with no 分值 column, the total is the figure beside its label
    "proj-yunnan-baoshan-2022-chunjie": Expected(
        (
            "慰问伤残军人50人;革命烈士遗属50人;因公牺牲和病故军人家属、在乡老复员军人等重点优抚对象50人;烈士家庭6户;市直企业军转干部101人;驻保部队8家;边海防官兵320人。",
            "重点优抚对象、企业军转干部、驻保部队、边海防官兵满意率",
        ),
        (None,) * 5,
        (20, 20, 20, 10, 10),
        funds=(("年度财政资金总额", None),),
        fields={"project": "春节走访慰问经费", "unit": "保山市退役军人事务局"},
        footer=(None, 100),
        level1_weights=(60, 10),
    ),
    "proj-tianjin-baodi-2020-gongre": Expected(  # the national 转移支付 form, cut off under its funds block
        (),
        (),
        (),
        funds=(("年度资金总额:", None), ("其中:中央财政资金", 0)),
        table=False,
    ),
    "proj-shanghai-putuo-2022-tiyu-jiesuan": Expected(
        ("与委托运营方结算完成率", "场馆开放满意度"),
        (10, 20, 20, 30, 10),
        (10, 20, 20, 30, 10),
        funds=(("年度资金总额", None), ("其中：当年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        footer=(100, 98.62),
    ),
    "proj-sichuan-daying-2023-anke": Expected(
        (),
        (),
        (),
        funds=(("总额", None), ("其中:财政资金", 0), ("财政专户管理资金", 0), ("单位资金", 0), ("其他资金", 0)),
        fields={"unit": "大英县司法局"},
    ),
    "proj-sichuan-zhongjiang-2022-shuibiaochi": Expected(
        ("安装坡面水标尺", "受益脱贫(含监测对象)户满意度"),
        (10, 10, 20, 10, 10, 10, 10, 10, 10),
        (10, 10, 20, 10, 10, 10, 10, 10, 10),
        placeholders=2,
        funds=(("年度资金总额:", None), ("其中:本年财政拨款", 0), ("其他资金", 0)),
        footer=(100, 100),
        level1_weights=(70, 20, 10),
    ),
    "proj-sichuan-qingshen-fagaiju-2023-gongzi": Expected(  # 四川 system export, left unfilled: no 完成值, no 得分
        ("发放(缴纳)覆盖率", "足额保障率(参保率)"),
        (60, 30),
        (None, None),
        funds=(("总额", None), ("其中:财政资金", 0), ("财政专户管理资金", 0), ("单位资金", 0), ("其他资金", 0)),
        fields={"project": "51000021R000000019951-工资性支出", "unit": "青神县发展和改革局"},
        footer=(100, None),
    ),
    "proj-unknown-2020-changjiang-jinbu": Expected(  # 效益指标 printed with nothing under it: no row
        ("补贴渔船数", "退捕渔民抽样调查满意度"),
        (None,) * 4,
        (20, 10, 10, 40),
        funds=(("年度财政资金总额", None),),
        fields={"unit": "农业工作科", "project": "渔业成品油价格改革补贴"},
        footer=(None, 100),
    ),
    "proj-unknown-2020-fuwumaoyi-qushangwuju": Expected(  # 得分 but no 分值 column; 一级 weights in the names
        ("服务外包在岸(万美元)", "推动企业走出去方面发 挥的作用"),
        (None,) * 8,
        (10, 10, 10, 10, 10, 10, 20, 20),
        funds=(("年度财政 资金总额", None),),
        fields={"project": "2020 年市级服务贸易发展资金", "unit": "区商务局"},
        footer=(None, 100),
        level1_weights=(60, 40),
    ),
    "proj-yunnan-lijiang-gucheng-2020-weipian": Expected(
        ("卫片执法补助经费", "违法行为责停率"),
        (10, 20, 20, 30),
        (9, 19, 19, 27),
        funds=(("年度资金总额", None), ("其中：当年财政拨款", 0), ("上年结转资金", 0), ("其他资金", 0)),
        fields={"unit": "丽江市古城区自然资源局"},
    ),
    "proj-yunnan-yongde-2022-yingyang": Expected(  # the 其他需要说明事项 row under the indicators is no indicator
        ("学生受资助人数", "家长满意度"),
        TEN * 9,
        (10, 10, 7, 10, 10, 9, 10, 10, 10),
        placeholders=1,  # 生态效益 指标 printed with nothing beside it
        funds=(("年度资金总额", None), ("其中:当年财政 拨款", 0), ("上年结转 资金", 0), ("其他资金", 0)),
        fields={"project": "义务教育营养改善计划专项资金"},
        footer=(100, 96),
    ),
}


def _number(raw: object) -> float | None:
    return parse_number(raw).value


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[SheetTables]]:
    rules = load_rules("national-2020")
    out = tmp_path_factory.mktemp("real")
    return {
        path.stem: [read_sheet(sheet, rules) for sheet in read_sheets(build(path, out))]
        for path in sorted(REAL.glob("*.yaml"))
    }


def test_every_real_table_has_an_expectation(read: dict[str, list[SheetTables]]) -> None:
    assert sorted(read) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_table(read: dict[str, list[SheetTables]], name: str) -> None:
    want = EXPECTED[name]
    found = [st for st in read[name] if st.found]
    assert found, [st.seen for st in read[name]]
    sheet = found[0]
    if not want.table:
        assert not sheet.tables
        assert tuple((line.label, line.parent) for line in sheet.funds[0].lines) == want.funds
        return
    table = sheet.tables[0]
    rows = table.indicators
    if want.names:
        assert (rows[0].name, rows[-1].name) == want.names
    else:
        assert table.blank
    assert tuple(_number(r.weight.raw if r.weight else None) for r in rows) == want.weights
    assert tuple(_number(r.score.raw if r.score else None) for r in rows) == want.scores
    assert len(table.placeholders) == want.placeholders
    level1 = tuple(dict.fromkeys(r.levels[0].weight for r in rows if r.levels[0].weight is not None))
    assert level1 == want.level1_weights
    if want.funds:
        lines = sheet.funds[0].lines
        assert tuple((line.label, line.parent) for line in lines) == want.funds
    else:
        assert not sheet.funds
    for role, value in want.fields.items():
        raw = sheet.fields[role].raw
        assert (raw if value is None or isinstance(value, str) else _number(raw)) == value, role
    if want.footer is None:
        assert not table.footers
    else:
        cells = table.footers[0].cells
        weight = _number(cells["weight"].raw) if "weight" in cells else None
        score = _number(cells["score"].raw) if "score" in cells else None
        assert (weight, score) == want.footer


def test_a_sheet_with_no_table_says_what_it_saw(read: dict[str, list[SheetTables]]) -> None:
    base_data = read["dept-unknown-2018-basedata-wanglu-462766"][0]
    assert not base_data.found
    assert base_data.seen == "工作表「基础数据表」有「填报单位」「2018年预算数」，但没有找到得分列"


def test_wanglu_weight_column_headed_defen_is_flagged_inferred(read: dict[str, list[SheetTables]]) -> None:
    table = read["dept-unknown-2018-basedata-wanglu-462766"][1].tables[0]
    assert table.columns["weight"].inferred and table.columns["weight"].col == 5
    assert table.level_weights == {"level1": 1, "level2": 3}


def test_funds_amounts_in_yuan_and_wan(read: dict[str, list[SheetTables]]) -> None:
    shanghai = read["proj-shanghai-putuo-2022-tiyu-jiesuan"][0].funds[0].lines
    assert shanghai[0].amount("executed") == 215457.6
    assert shanghai[2].amount("initial") is None and shanghai[2].amount("annual") == 0
    hubei = read["proj-hubei-ezhou-2021-shiminzhongxin"][0].funds[0].lines
    assert hubei[0].amount("executed") == 125.25  # "125.25万"
    assert hubei[1].amount("weight") is None  # "—"


def test_two_row_header_with_nature_split_below_its_parent(read: dict[str, list[SheetTables]]) -> None:
    table = read["proj-yunnan-lijiang-gucheng-2020-weipian"][0].tables[0]
    assert table.header == (10, 11)
    assert {role: col.col for role, col in table.columns.items() if role in ("nature", "target", "unit", "actual")} == {
        "nature": 3,
        "target": 4,
        "unit": 5,
        "actual": 6,
    }
    assert [r.get("nature") for r in table.indicators] == ["﹦", "﹦", "﹦", "≥"]


def test_chengans_weight_share_and_single_actual_are_read_by_their_headers(read: dict[str, list[SheetTables]]) -> None:
    # 权重占比(%) (K) is the weight, not the 单项指标得分 (J) beside it that holds the same figures;
    # 单项指标实际完成值 (H) the actual
    table = read["proj-hebei-chengan-2020-gaoling"][0].tables[0]
    assert (table.columns["weight"].col, table.columns["weight"].inferred) == (10, False)
    assert table.columns["actual"].col == 7
