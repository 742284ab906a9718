import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Progress, type ProgressProps, Statistic, Typography } from 'antd';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { downloadErrorReport, FINISHED, type ImportJob, type ImportStatus } from './api';
import type { ImportState } from './useImport';

const PROGRESS_STATUS: Record<ImportStatus, ProgressProps['status']> = {
  checking: 'active',
  importing: 'active',
  done: 'success',
  rejected: 'exception',
  failed: 'exception',
};

const COUNTS = [
  ['importedRows', 'import.imported'],
  ['duplicateRows', 'import.duplicates'],
  ['errorRows', 'import.errorRows'],
  ['unmatchedRows', 'import.unmatched'],
] as const;

function ImportCounts({ job }: { job: ImportJob }) {
  const { t } = useT();
  return (
    <div className="sz-import-counts" data-testid="import-counts">
      {COUNTS.map(([key, label]) => (
        <Statistic key={key} title={t(label)} value={job[key]} data-testid={`import-${key}`} />
      ))}
    </div>
  );
}

function ErrorReportButton({ jobId }: { jobId: number }) {
  const { t } = useT();
  const { message } = App.useApp();
  return (
    <Button
      icon={<DownloadOutlined />}
      data-testid="import-error-report"
      onClick={() => downloadErrorReport(jobId).catch((err: unknown) => message.error(errorMessage(err)))}
    >
      {t('import.errorReport')}
    </Button>
  );
}

function JobProgress({ job }: { job: ImportJob }) {
  const { t, code } = useT();
  const finished = FINISHED.includes(job.status);
  const percent = job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : 0;
  return (
    <>
      <div>
        <Typography.Text strong data-testid="import-status" data-status={job.status}>
          {code('importStatus', job.status)}
        </Typography.Text>
        <Typography.Text type="secondary"> · {t('import.file', { name: job.fileName })}</Typography.Text>
      </div>
      <Progress percent={job.status === 'done' ? 100 : percent} status={PROGRESS_STATUS[job.status]} />
      {job.totalRows > 0 && (
        <Typography.Text type="secondary">
          {t('import.rows', { processed: job.processedRows, total: job.totalRows })}
        </Typography.Text>
      )}
      {job.status === 'failed' && job.failureReason && (
        <Alert type="error" showIcon title={job.failureReason} data-testid="import-failure" />
      )}
      {finished && <ImportCounts job={job} />}
      {finished && job.errorRows + job.unmatchedRows > 0 && <ErrorReportButton jobId={job.id} />}
    </>
  );
}

/** Upload progress, then the server's progress through the rows, then what became of them. */
export function ImportProgress({ state }: { state: ImportState }) {
  const { t, code } = useT();
  if (state.phase === 'idle') return null;
  return (
    <div className="sz-import-progress" data-testid="import-progress">
      {state.phase === 'failed' && <Alert type="error" showIcon title={state.message} />}
      {state.phase === 'uploading' && (
        <>
          <div>
            <Typography.Text strong data-testid="import-status" data-status="uploading">
              {code('importStatus', 'uploading')}
            </Typography.Text>
            <Typography.Text type="secondary"> · {t('import.uploading', { name: state.fileName })}</Typography.Text>
          </div>
          <Progress percent={state.percent} status="active" />
        </>
      )}
      {state.phase === 'running' && <JobProgress job={state.job} />}
    </div>
  );
}
