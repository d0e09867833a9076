"""How the portal writes dates in each language (FORMAT_MODULE_PATH): 2026年12月3日 and
3 Dec 2026. Templates write ``|date`` for a day and ``|date:"DATETIME_FORMAT"`` for an
instant; prices go through the ``ntd`` filter (tops/templatetags/tops_format.py)."""
