"""Country briefs: one printable page on a country over a period, every figure traced to the
stored events or reference rows it comes from (``faultline brief``)."""

from faultline.brief.gather import gather_brief
from faultline.brief.geo import load_shapes
from faultline.brief.pdf import find_chromium, html_to_pdf
from faultline.brief.render import render_brief

__all__ = ["find_chromium", "gather_brief", "html_to_pdf", "load_shapes", "render_brief"]
