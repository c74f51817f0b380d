"""A text that reads as a transcript keeps the score threshold; an article gets the news stage.
Every text here was written for these tests."""

from claims.extraction import extract
from claims.extraction.model import default_model
from claims.extraction.transcript import has_speaker_labels, reads_as_transcript, spoken_share

DEBATE = """MODERATOR: Senator, the county closed four clinics last year. Why?
SEN. LEE: We closed them because the state cut our grant by 30 percent.
GOV. MARSH: That is not true. The grant went up in 2019 and again in 2021.
SEN. LEE: I voted for every health budget this county has passed.
Q: Will you reopen the clinics?
GOV. MARSH: You will see three of them open by June, and the fourth in the autumn.
"""

ARTICLE = """MANILA: A strong earthquake shook the south of the island on Tuesday, the
seismology institute said.
Two schools were evacuated and one bridge was closed, officials said.
"We felt the floor move and ran outside," said a teacher at one of the schools.
The institute recorded more than 40 aftershocks by the evening.
RELATED: Quake damage in the region since 2019
"""

INTERVIEW_PROSE = (
    "I grew up two streets from the mill. We worked there, my father and I, for twenty "
    "years. You learn what a town owes its workers. I voted for the closure plan because "
    "it paid us for the land. Our union said the deal was fair. The mill shut in 2018."
)


def _prose(text):
    return [s.text for s in extract(text) if s.kind == "sentence"]


def test_speaker_labels_at_line_starts_make_a_transcript():
    assert has_speaker_labels(DEBATE)
    assert reads_as_transcript(DEBATE, _prose(DEBATE))


def test_a_dateline_and_a_related_line_do_not_make_an_article_a_transcript():
    assert not has_speaker_labels(ARTICLE)
    assert not reads_as_transcript(ARTICLE, _prose(ARTICLE))


def test_first_person_inside_quotes_is_news_and_outside_quotes_is_speech():
    quoted = ['"We felt the floor move," a teacher said.', "The bridge was closed."]
    spoken = ["We felt the floor move.", "The bridge was closed.", "I ran outside."]
    assert spoken_share(quoted) == 0.0
    assert spoken_share(spoken) == 2 / 3


def test_mostly_first_person_prose_without_labels_reads_as_a_transcript():
    assert not has_speaker_labels(INTERVIEW_PROSE)
    assert reads_as_transcript(INTERVIEW_PROSE, _prose(INTERVIEW_PROSE))


def test_a_transcript_is_decided_by_the_score_threshold_not_the_news_stage():
    threshold = default_model().threshold
    sentences = [s for s in extract(DEBATE) if s.kind == "sentence"]
    assert len(sentences) >= 3
    for s in sentences:
        assert s.checkworthy == (s.score >= threshold), s.text
    # Same answer as with the stage switched off.
    assert [s.checkworthy for s in extract(DEBATE)] == [
        s.checkworthy for s in extract(DEBATE, news_stage=False)
    ]
