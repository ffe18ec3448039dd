"""Package data: medical term lists for Whisper's initial prompt (one term per line, # comments).

common.txt applies to every dictation; specialty_<name>.txt per specialty. A deployment adds
or extends lists in the directory named by HIMFLOW_VOCABULARY_DIR (see transcription.vocabulary).
"""
