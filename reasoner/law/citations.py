"""Citations built from provision ids, so that they cannot disagree with them.

Ids follow the law's structure: ``interp.<article>.<paragraph>.<item>[.<sub-item>]`` for the 2019
Interpretation, ``cl.<article>[.<paragraph>.<item>]`` for the Criminal Law.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
#: Articles of the Interpretation with more than one paragraph (cited with 第…款).
_MULTI_PARAGRAPH = {2, 12}
#: Articles of the Criminal Law with one paragraph: a third id part is an item (cl.87.1 = 第八十七条第（一）项).
_CL_SINGLE_PARAGRAPH = {"87"}
INTERP_ZH = "法释〔2019〕15号"
INTERP_EN = "Interpretation 2019 No. 15"


def _ten_form(n: int) -> str:
    """10..99 inside a larger number: 八十六, 一十二 (after 百, ten keeps its 一)."""
    tens, ones = divmod(n, 10)
    return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")


def zh_number(n: int) -> str:
    """Chinese numeral for 1..999, as the law writes article and item numbers."""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return _DIGITS[hundreds] + "百"
        return _DIGITS[hundreds] + "百" + ("零" + _DIGITS[rest] if rest < 10 else _ten_form(rest))
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def cl_article(art: str) -> str:
    """A Criminal Law article number in Chinese: 286-1 -> 第二百八十六条之一, 12 -> 第十二条."""
    num, _, sub = art.partition("-")
    return f"第{zh_number(int(num))}条" + (f"之{zh_number(int(sub))}" if sub else "")


def cite(pid: str, lang: str) -> str:
    """Citation for a provision id, e.g. interp.3.1.6 -> 法释〔2019〕15号第三条第（六）项."""
    parts = pid.split(".")
    if parts[0] == "interp":
        nums = []
        for part in parts[1:]:  # named sub-conclusions (e.g. interp.11.1.rebuttal) cite their numbered part
            if not part.isdigit():
                break
            nums.append(part)
        art = int(nums[0])
        zh = [f"{INTERP_ZH}第{zh_number(art)}条"]
        en = [f"{INTERP_EN}, Art {art}"]
        if len(nums) > 1:
            para = int(nums[1])
            if art in _MULTI_PARAGRAPH:
                zh.append(f"第{zh_number(para)}款")
                en.append(f"¶{para}")
        if len(nums) > 2:
            if art == 2:
                zh.append(f"（因素{zh_number(int(nums[2]))}）")
                en.append(f"factor {nums[2]}")
            else:
                zh.append(f"第（{zh_number(int(nums[2]))}）项")
                en.append(f"item ({nums[2]})")
        if len(nums) > 3:
            zh.append(f"第{int(nums[3])}目")
            en.append(f"sub-item {nums[3]}")
        return "".join(zh) if lang == "zh" else " ".join(en)
    if parts[0] == "cl":
        art = parts[1]
        zh = [f"刑法{cl_article(art)}"]
        en = [f"Criminal Law Art {art}"]
        if len(parts) > 2 and art in _CL_SINGLE_PARAGRAPH:
            zh.append(f"第（{zh_number(int(parts[2]))}）项")
            en.append(f"item ({parts[2]})")
        elif len(parts) > 2:
            zh.append(f"第{zh_number(int(parts[2]))}款")
            en.append(f"¶{parts[2]}")
        if len(parts) > 3:
            if parts[3].isdigit():
                zh.append(f"第（{zh_number(int(parts[3]))}）项")
                en.append(f"item ({parts[3]})")
        return "".join(zh) if lang == "zh" else " ".join(en)
    return _cite_pack(pid, lang)


def _cite_pack(pid: str, lang: str) -> str:
    """Citation of a later document's provision: its short name, paragraph and item, in the
    document's own numbering (pack.toml's para_style), or the provision's own citation where its id
    is not the document's numbering (provisions.toml's cite_zh / cite_en)."""
    from reasoner.law.packs import by_prefix, labels

    parts = pid.split(".")
    pack = by_prefix().get(parts[0])
    if pack is None:
        raise ValueError(f"not a provision id: {pid}")
    entry = labels().get(pid, {})
    if f"cite_{lang}" in entry:
        return entry[f"cite_{lang}"]
    nums = []
    for part in parts[1:]:
        if not part.isdigit():
            break
        nums.append(int(part))
    short = pack.short(lang)
    if not nums:
        return short
    para, item = nums[0], (nums[1] if len(nums) > 1 else None)
    if lang == "en":
        word = "art" if pack.para_style == "numeral" else "para"
        return f"{short} {word} {para}" + (f" item ({item})" if item is not None else "")
    if pack.para_style == "numeral_comma":  # 《意见（二）》九、（一）
        return f"{short}{zh_number(para)}、" + (f"（{zh_number(item)}）" if item is not None else "")
    if pack.para_style == "arabic":  # 《2025年意见》第9条（1）
        return f"{short}第{para}条" + (f"（{item}）" if item is not None else "")
    return f"{short}第{zh_number(para)}条" + (f"（{item}）" if item is not None else "")
