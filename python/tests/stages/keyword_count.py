"""Test stages for the `python` stage plugin (python/tests)."""


class KeywordCount:
    """Marks every occurrence of the configured words as a `keyword`, with the index of the
    sentence it is in, and counts them in doc.meta["keywords"]."""

    def __init__(self, settings):
        self.words = list(settings["words"])
        self.min_count = settings.get("min_count", 0)

    def process(self, doc):
        text = doc.text
        sentences = doc.annotations("sentence")
        counts = {}
        for word in self.words:
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                inside = [i for i, s in enumerate(sentences) if s.begin <= at and end <= s.end]
                doc.add("keyword", at, end, {"word": word, "sentence": inside[0] if inside else None})
                counts[word] = counts.get(word, 0) + 1
                at = text.find(word, end)
        doc.meta["keywords"] = {w: counts.get(w, 0) for w in self.words if counts.get(w, 0) >= self.min_count}


class FailOn(KeywordCount):
    """Fails the documents that contain the first word."""

    def process(self, doc):
        if self.words[0] in doc.text:
            raise ValueError(f"found {self.words[0]!r} in {doc.id}")
        super().process(doc)


class Noop:
    """Does nothing: the cost of calling into Python."""

    def __init__(self, settings):
        self.touch = settings.get("touch", "")

    def process(self, doc):
        if self.touch == "text":
            doc.text
        elif self.touch == "sentences":
            doc.annotations("sentence")


class BadOffsets:
    def __init__(self, settings):
        pass

    def process(self, doc):
        doc.add("keyword", len(doc.text) - 1, len(doc.text) + 5)


class NoProcess:
    def __init__(self, settings):
        pass
