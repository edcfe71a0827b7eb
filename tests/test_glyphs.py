"""CJK radical code points read as the ideographs they print as, in every reader."""
import unicodedata

from juesuan.readers import Grid, Line, read
from juesuan.readers.glyphs import KANGXI, PRINTED_AS, RADICALS, SUPPLEMENT, unify_radicals


def test_common_radicals_in_disclosure_words():
    # ⼯资 ⼈员 ⽀出 ⻓期 ⺠⽣ ⻔户 as browser-printed PDFs carry them
    assert unify_radicals("\u2f2f资\u2f08员\u2f40出\u2ed3期\u2ea0\u2f63\u2ed4户") == "工资人员支出长期民生门户"


def test_only_the_two_radical_blocks_change():
    printed = "（一）一般公共服务支出（类）：１２３．４５，“三公”经费【注】"
    assert unify_radicals(printed) == printed  # full-width punctuation and digits stay as printed
    assert set(RADICALS) - set(PRINTED_AS) <= set(KANGXI) | set(SUPPLEMENT)


def test_what_a_simplified_chinese_font_prints():
    """xinzhou-hrss-2022-chromium.pdf: Noto Sans CJK SC prints 户 for ⼾ and ligates —— into ⸺."""
    assert unify_radicals("监测费\u2f3e数") == "监测费户数"
    assert unify_radicals("\u2e3a") == "——"


def test_every_kangxi_radical_and_supplement_with_a_decomposition_agrees_with_unicode():
    assert len([code for code in RADICALS if code in KANGXI]) == 214
    for code in KANGXI:
        if code not in PRINTED_AS:
            assert RADICALS[code] == unicodedata.normalize("NFKC", chr(code))
    for code in SUPPLEMENT:
        decomposition = unicodedata.decomposition(chr(code)).split()
        if decomposition and decomposition[0] == "<compat>":
            assert RADICALS[code] == chr(int(decomposition[1], 16))


def test_every_mapping_is_a_unified_ideograph():
    for radical, ideograph in RADICALS.items():
        if radical not in (0x2E3A, 0x2E3B):  # the dashes
            assert "CJK UNIFIED IDEOGRAPH" in unicodedata.name(ideograph), hex(radical)


def test_text_and_html_readers_unify_radicals(tmp_path):
    text = tmp_path / "export.txt"
    text.write_text("\u2f40出决算表\n项目\t金额\n\u2f2f资福利\t1.00\n", encoding="utf-8")
    assert read(text) == [Line("支出决算表"), Grid([["项目", "金额"], ["工资福利", "1.00"]])]
    page = tmp_path / "page.html"
    page.write_text("<p>\u2ea0\u2f63</p><table><tr><td>\u2ed3期</td></tr></table>", encoding="utf-8")
    assert read(page) == [Line("民生"), Grid([["长期"]])]
