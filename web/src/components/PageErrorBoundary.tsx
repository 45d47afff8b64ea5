/**
 * Catches what a page throws while loading or drawing, most often a page chunk that no longer
 * exists because a new version was deployed while the tab was open, and offers to reload instead
 * of leaving a blank screen.
 */
import { Button } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { StatusPage } from './common';

interface State {
  failed: boolean;
}

export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Still reported to the window, where monitoring (and the browser tests) listen.
    reportError(Object.assign(error, { componentStack: info.componentStack }));
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <StatusPage
        status="warning"
        title="Không hiển thị được trang này"
        subTitle="Có thể ứng dụng vừa được cập nhật. Hãy tải lại trang; nếu vẫn lỗi, báo quản trị."
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            Tải lại trang
          </Button>
        }
      />
    );
  }
}
