package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.StateSpaceModel;
import org.ejml.data.DMatrixRMaj;

/**
 * The parameters of a {@link StateSpaceModel} as EJML matrices, plus the variance {@code kappa} that stands for the
 * diffuse start (x(1) ~ N(0, kappa I)); kappa is 0 for a given start.
 */
final class ModelMatrices {
  final int n;
  final int p;
  final int m;
  final DMatrixRMaj A;
  final DMatrixRMaj B;
  final DMatrixRMaj C;
  final DMatrixRMaj D;
  final DMatrixRMaj Q;
  final DMatrixRMaj R;
  final DMatrixRMaj mu1;
  final DMatrixRMaj V1;
  final double kappa;

  ModelMatrices(StateSpaceModel model, double kappa) {
    n = model.states();
    p = model.kpis();
    m = model.controls();
    A = matrix(model.A(), n, n);
    B = matrix(model.B(), n, m);
    C = matrix(model.C(), p, n);
    D = matrix(model.D(), p, m);
    Q = matrix(model.Q(), n, n);
    R = matrix(model.R(), p, p);
    this.kappa = model.diffuse() ? kappa : 0;
    if (model.diffuse()) {
      mu1 = new DMatrixRMaj(n, 1);
      V1 = new DMatrixRMaj(n, n);
      for (int i = 0; i < n; i++) V1.set(i, i, kappa);
    } else {
      mu1 = matrix(model.mu1(), n, 1);
      V1 = matrix(model.V1(), n, n);
    }
  }

  boolean diffuse() {
    return kappa > 0;
  }

  /** The model these matrices stand for; for a diffuse start mu1 and V1 are reported as zeros. */
  StateSpaceModel toModel() {
    boolean diffuse = diffuse();
    return new StateSpaceModel(
        rows(A), rows(B), rows(C), rows(D), rows(Q), rows(R),
        diffuse ? new double[n][1] : rows(mu1), diffuse ? new double[n][n] : rows(V1), diffuse);
  }

  static DMatrixRMaj matrix(double[][] values, int rows, int cols) {
    if (values.length != rows) throw new IllegalArgumentException("expected " + rows + " rows, got " + values.length);
    DMatrixRMaj out = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows; i++) {
      if (values[i].length != cols) {
        throw new IllegalArgumentException("expected " + cols + " columns, got " + values[i].length);
      }
      for (int j = 0; j < cols; j++) out.set(i, j, values[i][j]);
    }
    return out;
  }

  static double[][] rows(DMatrixRMaj matrix) {
    double[][] out = new double[matrix.numRows][matrix.numCols];
    for (int i = 0; i < matrix.numRows; i++) {
      for (int j = 0; j < matrix.numCols; j++) out[i][j] = matrix.get(i, j);
    }
    return out;
  }
}
