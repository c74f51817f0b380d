"""Claim-kind flags."""

import pytest

from claims.extraction.flags import claim_flags


@pytest.mark.parametrize(
    ("sentence", "flag"),
    [
        ("Unemployment fell to 3.5% in May.", "statistic"),
        ("The bridge cost $40 million.", "statistic"),
        ("The truce has held for more than 70 years.", "statistic"),
        ("Turnout doubled compared with the last election.", "statistic"),
        ('"We have never seen anything like this in our lives," the mayor said.', "quote"),
        ("Its platform combines satellite data and drone footage.", "capability"),
        ("The startup's software can detect fraud in real time.", "capability"),
        ("Acme provides cloud storage to banks.", "capability"),
        ("The deal will be signed next week.", "prediction"),
        ("If rates rise, exports would fall.", "prediction"),
        ("The leak was reportedly caused by a faulty valve.", "hedged"),
        ("The plan may cost as much as a new stadium.", "hedged"),
    ],
)
def test_flag_present(sentence, flag):
    assert flag in claim_flags(sentence, attributed=True)


@pytest.mark.parametrize(
    ("sentence", "flag"),
    [
        ("The meeting is on Aug. 5, 2025 at 9 a.m.", "statistic"),
        ("The law was passed in 2019.", "statistic"),
        ("Ukraine cannot rely on Article 5.", "statistic"),
        ("The idea of a “buffer zone” has returned.", "quote"),
        ("The government can do better.", "capability"),
        ("The minister resigned on Tuesday.", "prediction"),
        ("The minister resigned on Tuesday.", "hedged"),
    ],
)
def test_flag_absent(sentence, flag):
    assert flag not in claim_flags(sentence, attributed=False)
