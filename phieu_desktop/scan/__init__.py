"""Reading paper ballots from a scanner or a phone photo: markers, perspective, ink in each box, the QR code.

Pillow (already used by reportlab) does the image work and zxing-cpp reads the QR code; OpenCV and numpy were
left out on purpose: together they would add about 200 MB to a program that must stay under 200 MB.
Imports only `domain` and the sheet geometry of `documents`. Nothing here writes to a session: a reading is a
proposal that a person confirms ballot by ballot.
"""
