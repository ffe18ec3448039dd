"""The composition root: the one place that knows every stage and wires them to the spine.

    himflow/app/roles.py     the table of worker roles (which stage module, which process)
    himflow/app/worker.py    `himflow worker ROLE...`: any mix of stage routers in one process
    himflow/app/stack.py     `himflow up`: the embedded stack and its supervised processes
    himflow/app/asyncapi.py  the AsyncAPI document generated from every role

Layers, lowest first: schemas/ -> the spine (the rest of himflow/) -> the stages (intake/,
transcription/, indexing/, publishing/, chart/) -> the review UI -> this package and the CLI
(himflow/cli.py, himflow/commands/), which may import everything. The spine never imports a
stage; a stage never imports another stage.
"""
