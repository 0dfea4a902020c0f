from django.tasks import task

from corpus.models import ImportJob


@task
def import_job_read(job_id: int) -> str:
    """Read an uploaded PDF or Word file into text; returns the job's state."""
    from corpus.importing import import_job_run

    job = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).first()
    if job is None:  # deleted, or already read
        return "gone"
    return import_job_run(job).state
