# Kyrgyz documents and pages write decimals with a comma, as Russian ones do: 4,3 (Django's
# own Kyrgyz format has a point). Only what differs from Django's is here; the rest falls back.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
