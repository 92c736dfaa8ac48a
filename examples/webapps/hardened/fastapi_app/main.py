"""Orders API (FastAPI), hardened."""
import hmac
import logging
import os
import secrets

import jwt
import uvicorn
from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.httpsredirect import HTTPSRedirectMiddleware
from fastapi.security import OAuth2PasswordBearer
from starlette.middleware.trustedhost import TrustedHostMiddleware

log = logging.getLogger("orders")

PAYMENTS_API_KEY = os.environ["PAYMENTS_API_KEY"]
JWT_KEY = os.environ["JWT_KEY"]
oauth2 = OAuth2PasswordBearer(tokenUrl="session")

app = FastAPI(title="orders", openapi_url=None)
app.add_middleware(
    CORSMiddleware, allow_origins=["https://shop.example.com"], allow_credentials=True
)
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com"])
app.add_middleware(HTTPSRedirectMiddleware)


def get_current_user(token: str = Depends(oauth2)):
    claims = jwt.decode(token, JWT_KEY, algorithms=["HS256"])
    log.info("request by %s", claims["sub"])
    return claims["sub"]


router = APIRouter(prefix="/orders", dependencies=[Depends(get_current_user)])


@router.post("/")
def create_order(order: dict):
    order["id"] = secrets.token_hex(4)
    return order


def require_api_key(x_api_key: str = Header(...)):
    if not hmac.compare_digest(x_api_key, PAYMENTS_API_KEY):
        raise HTTPException(status_code=403)


@router.delete("/{order_id}", dependencies=[Depends(require_api_key)])
def cancel_order(order_id: int):
    return {"cancelled": order_id}


@app.post("/session")
def new_session(user: str = Depends(get_current_user)):
    session_token = secrets.token_urlsafe(32)
    return {"token": jwt.encode({"sub": user, "sid": session_token}, JWT_KEY, algorithm="HS256")}


app.include_router(router)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", ssl_certfile="cert.pem", ssl_keyfile="key.pem")
