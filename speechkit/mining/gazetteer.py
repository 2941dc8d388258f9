"""Word lists for finding names: what jieba's dictionary tags cannot tell.

jieba tags Chinese places (``ns``) well but also tags many ordinary words so
(新建, 美丽, 城镇, 上市); it knows few foreign places, regions and
international bodies, and has no notion of a standing political formula.
These lists fill the gaps; they name kinds of things every speech may cite,
never anything of one particular speech.
"""

from __future__ import annotations

# Ordinary words jieba's dictionary also knows as a county or city name.
PLACE_HOMOGRAPHS = frozenset(
    """新建 惠民 和平 新城 安宁 大城 山区 和顺 滨海 凤凰 海岛 珠宝 大关 小康 长寿
    山口 太平 共和 友谊 东至 柳林 朝阳 金山 同心 海阳 中山 城关 光明 胜利 团结
    振兴 富民 安定 永安 长安 东方 新华 建设 开发 方正 大方 文明 和谐 平安 吉安
    永和 大同 长春 江南 南海 大通 宁安 定安 新民 红旗 前进 向阳 东风 五四""".split()
)

# Places jieba's dictionary does not know as such, or not well: countries,
# continents and regions of the world, Chinese regions and rivers.
FOREIGN_AND_REGIONS = frozenset(
    """亚洲 欧洲 非洲 美洲 北美洲 南美洲 拉丁美洲 拉美 大洋洲 南极洲 北极 南极 亚太
    亚太地区 欧亚 欧亚地区 亚洲地区 西亚 东亚 南亚 中亚 东南亚 南亚东南亚 东北亚 东北亚地区 北非 西非
    东非 南非 中东 中东欧 加勒比 太平洋 大西洋 印度洋 北冰洋 地中海 美国 英国 法国
    德国 日本 韩国 朝鲜 俄罗斯 印度 巴西 南非 加拿大 澳大利亚 新西兰 意大利 西班牙
    葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 丹麦 芬兰 波兰 匈牙利 捷克 希腊 土耳其 伊朗
    伊拉克 叙利亚 以色列 巴勒斯坦 埃及 沙特 沙特阿拉伯 阿联酋 卡塔尔 科威特 约旦
    黎巴嫩 阿富汗 巴基斯坦 孟加拉国 斯里兰卡 尼泊尔 缅甸 泰国 越南 老挝 柬埔寨
    马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱 蒙古 哈萨克斯坦 乌兹别克斯坦
    吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 白俄罗斯 乌克兰 阿根廷 智利 秘鲁 哥伦比亚
    委内瑞拉 墨西哥 古巴 巴拉圭 乌拉圭 玻利维亚 厄瓜多尔 尼日利亚 埃塞俄比亚 肯尼亚
    坦桑尼亚 阿尔及利亚 摩洛哥 安哥拉 赞比亚 津巴布韦 塞尔维亚 奥地利 爱尔兰 冰岛
    以色列 京津冀 长三角 珠三角 粤港澳 粤港澳大湾区 大湾区 成渝 成渝地区 长江经济带
    黄河流域 东北 西北地区 东北地区 长江 黄河 珠江 淮河 海河 辽河 松花江 澜沧江
    雅鲁藏布江 太湖 洞庭湖 鄱阳湖 青海湖 白洋淀 泰山 黄山 峨眉山 长白山 秦岭 天山
    昆仑山 喜马拉雅山 青藏高原 黄土高原 塔里木 柴达木 雄安 雄安新区 浦东 滨海新区
    两江新区 香港 澳门 台湾""".split()
)

# One-character names of countries, as in 法方, 俄方 (their side); 中方 is ours.
COUNTRY_SIDES = frozenset("美英法德日韩俄印巴澳意葡荷瑞挪丹芬匈捷希埃沙蒙越泰柬缅菲")  # not 西方, 土方, 比方

# International and foreign bodies every speech about the world may name;
# named bodies of one source are found by their form (…大学, …集团).
INTERNATIONAL_BODIES = frozenset(
    """联合国 世界卫生组织 世卫组织 世界贸易组织 世贸组织 国际货币基金组织 世界银行
    亚洲基础设施投资银行 亚投行 二十国集团 七国集团 金砖国家 上海合作组织 上合组织
    亚太经合组织 东盟 欧盟 欧洲联盟 非洲联盟 非盟 北约 阿盟 联合国教科文组织
    联合国妇女署 联合国开发计划署 联合国安理会 安理会 联合国大会 世界经济论坛 国际劳工组织
    国际奥委会 红十字会 国际红十字会 新开发银行 丝路基金 博鳌亚洲论坛 世界知识产权组织
    国际原子能机构 新华社 人民日报 中央电视台 央视""".split()
)

# International bodies that hold meetings (not the press among them).
HOST_BODIES = INTERNATIONAL_BODIES - frozenset("新华社 人民日报 中央电视台 央视".split())

# National bodies and words any Chinese speech may cite: not a source's own.
NATIONAL_BODIES = frozenset(
    """党中央 中共中央 中央 国务院 全国人大 全国政协 中央政治局 中央政治局常委会 中国共产党
    共产党 党 中央军委 人民代表大会 人民政府 人民法院 人民检察院 国家机关 政府 企业
    公司 集团 组织 国家 党组织 基层组织 国际组织 社会组织 群团组织 工会组织 人民团体
    政协 人大 解放军 人民解放军 中国人民解放军 全国人民代表大会 人大常委会 共青团 妇联
    中国政府 中央人民政府 中央财政 党政机关 武警部队 国资委 发展中国家 发达国家 各国
    全总 中华全国总工会""".split()
)  # the last line: the unions' national body, which every union speech cites as others cite 党中央

# Formulas every speech may quote: not a source's own campaign.
NATIONAL_FORMULAS = frozenset(
    """两个确立 两个维护 四个意识 四个自信 五位一体 四个全面 一带一路 放管服 三农 中国梦
    两个一百年 六稳 六保 双碳 八项规定 三严三实 两学一做 不忘初心、牢记使命 不忘初心
    牢记使命 两个结合 国之大者 四个特别 两个毫不动摇 三个代表 四个现代化 双循环
    新质生产力 共同富裕 三新一高 五个必由之路
    组织起来、切实维权 组织起来，切实维权 职工之家 娘家人 第一道防线 劳动关系和谐企业
    劳动关系和谐单位 劳模精神、劳动精神、工匠精神
    组织起来、促进发展，依照法规、切实维权，协调关系、构建和谐""".split()
)  # the last three lines: the trade unions' own formulas (全总's 方针 in its short and full
# wording, its programmes)

# The hundred commonest Chinese surnames: a name before a title starts with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)

# Short names of international bodies, for a speech at the body's own meeting.
BODY_ALIASES = {
    "亚洲基础设施投资银行": ("亚投行",),
    "上海合作组织": ("上合组织",),
    "世界卫生组织": ("世卫组织",),
    "世界贸易组织": ("世贸组织",),
    "亚太经合组织": ("APEC",),
    "中华全国总工会": ("全总",),
}
