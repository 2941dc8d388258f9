"""What speaks of foreign policy: relations between states and the bodies of
their cooperation. No point of a union's or a city's speech, whoever the
source's speaker was; a phrase knows it from its words as mined (the tag
``statecraft``), since a slot can take the body's name out of its text
(亚投行 → ``{org}``)."""

from __future__ import annotations

from speechkit.bank.vocabulary import STATECRAFT
from speechkit.lazyre import compile_later

TAG = STATECRAFT

_CUES = compile_later(
    r"联合国|多边|单边主义|国际关系|国际秩序|全球治理|发展中国家|各国人民|国际社会|霸权|成员国|"
    r"国际[^，。；！？]{0,4}(?:治理|机构|组织)|两国|双边|伙伴关系|本组织|"
    # China's side speaking, as only a state does: 中方支持…, 中方愿同各方…
    r"中方(?=将|愿|支持|倡议|已|对|同|提出|赞赏|高度|始终|坚定|主张|欢迎|积极|一贯|呼吁|建议)|"
    r"中(?:非|美|欧|俄|日|韩|法|德|英|阿|拉|东盟)(?:友好|关系|合作|友谊|全面|命运共同体)|"
    # the bodies of states' cooperation: a point about one is about foreign policy
    r"亚投行|亚洲基础设施投资银行|二十国集团|上海合作组织|上合组织|金砖国家|亚太经合组织|APEC|东盟|世贸组织|世界贸易组织"
)


def speaks_of_statecraft(text: str) -> bool:
    """Two cues at least: one (国际社会, 多边) is said of anything."""
    return len(_CUES.findall(text)) >= 2
