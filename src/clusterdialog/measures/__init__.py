"""Pure measures of specialisation, concentration, agglomeration, shift-share,
relatedness and complexity over regional panels."""

__all__: list[str] = []
